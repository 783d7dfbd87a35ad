//! Issue 10's targets on the unseen split (tests/corpus/labels-unseen.json: pages labelled
//! before any rule was changed for them), scored by the one script that scores them
//! (`tests/corpus/measure_unseen.py`, Python standard library), run on the CLI built by cargo.
//! Floors are set from what was reached; the closing notes give the before/after tables.

use std::process::Command;

/// Footer: failures that are real (alarm precision) and present elements found (recall).
const MIN_ALARM_PRECISION: f64 = 0.98;
const MIN_PRESENCE_RECALL: f64 = 0.95;
const MIN_VALUES_EXACT: f64 = 0.95;
/// Columns: the newest date of a column that shows one.
const MIN_DATED_EXACT: f64 = 0.95;

fn rate(a: u64, b: u64) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

#[test]
fn unseen_pages_meet_the_accuracy_targets() {
    let root = env!("CARGO_MANIFEST_DIR");
    let scores = std::env::temp_dir().join(format!("govcheck-unseen-scores-{}.json", std::process::id()));
    let out = Command::new("python3")
        .args(["tests/corpus/measure_unseen.py", "measure", "--bin", env!("CARGO_BIN_EXE_govcheck"), "--scores"])
        .arg(&scores)
        .current_dir(root)
        .output()
        .expect("python3 runs tests/corpus/measure_unseen.py");
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "measure_unseen.py failed:\n{printed}\n{}", String::from_utf8_lossy(&out.stderr));
    println!("{printed}");
    let s: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&scores).unwrap()).unwrap();
    let n = |p: &str| s.pointer(p).and_then(serde_json::Value::as_u64).unwrap_or_else(|| panic!("{p} missing in {s}"));
    let precision = rate(n("/footer/fail_true"), n("/footer/fail_true") + n("/footer/fail_false"));
    let recall = rate(n("/footer/tp"), n("/footer/tp") + n("/footer/fn"));
    let values = rate(n("/footer/vals_ok"), n("/footer/vals"));
    let dated = rate(n("/columns/dated_ok"), n("/columns/dated_total"));
    assert!(n("/pages") >= 20 && n("/hosts") >= 15, "the unseen split shrank: {s}");
    assert!(precision >= MIN_ALARM_PRECISION, "footer alarm precision {precision:.3} < {MIN_ALARM_PRECISION}\n{printed}");
    assert!(recall >= MIN_PRESENCE_RECALL, "footer presence recall {recall:.3} < {MIN_PRESENCE_RECALL}\n{printed}");
    assert!(values >= MIN_VALUES_EXACT, "footer values exact {values:.3} < {MIN_VALUES_EXACT}\n{printed}");
    assert!(dated >= MIN_DATED_EXACT, "newest date exact on dated columns {dated:.3} < {MIN_DATED_EXACT}\n{printed}");
    assert_eq!(n("/columns/blank_fp"), 0, "a column wrongly called blank\n{printed}");
}
