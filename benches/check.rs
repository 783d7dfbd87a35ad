//! Speed of `check` on the largest corpus page and on a generated 1 MB page
//! (`cargo bench --bench check`). Figures go in the closing notes, never in timed tests.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use govcheck::PageInput;

fn largest_corpus_page() -> (String, String) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/pages");
    let mut best = (0u64, String::new());
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let len = e.metadata().unwrap().len();
        if len > best.0 {
            best = (len, e.path().to_string_lossy().into_owned());
        }
    }
    let name = std::path::Path::new(&best.1).file_name().unwrap().to_string_lossy().into_owned();
    (name, std::fs::read_to_string(&best.1).unwrap())
}

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let (name, corpus) = largest_corpus_page();
    let generated = govcheck::testing::synthetic_page(1_000_000);
    let mut g = c.benchmark_group("check");
    g.sample_size(30);
    g.bench_function(format!("corpus {name} ({} KB)", corpus.len() / 1024), |b| {
        b.iter(|| govcheck::check(&PageInput::new(black_box(&corpus), today)).unwrap())
    });
    g.bench_function(format!("generated ({} KB)", generated.len() / 1024), |b| {
        b.iter(|| govcheck::check(&PageInput::new(black_box(&generated), today)).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
