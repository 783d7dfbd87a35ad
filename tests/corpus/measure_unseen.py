#!/usr/bin/env python3
"""Check the unseen labels against their pages, and measure the govcheck CLI on them.

    python3 tests/corpus/measure_unseen.py verify
    python3 tests/corpus/measure_unseen.py measure [--bin target/release/govcheck] [--json out.json]

`verify`: every labelled value (footer values, texts, links, phones, e-mails, addresses;
column names; newest dates in full form or as shown; message titles; published dates)
must occur in the page text (the decoded bytes, and also the text with HTML entities
resolved), and size and sha256 must match the file.

`measure`: runs `govcheck check FILE --url https://SITE_DOMAIN/ --today CAPTURED
--format json` on every page of labels-unseen.json (raw source, all rules) and prints
per-element confusion tables scored the way tests/corpus.rs and tests/corpus_lists.rs
score the visible split:
  * footer: a label counts as "expected present" when present=true, or when the only
    thing on the page is the official embed script (form=script_only), which the engine
    is meant to accept. Labels with present=null are not scored.
    TP = found on expected-present, FN = not found on expected-present (fail, review or
    nothing), FP = found on expected-absent, TN = not found on expected-absent. "Found" is a
    pass, or a fail about a defect of a present element (it carries the value and names the
    evidence.problem: not_linked, malformed), as tests/corpus.rs counts since f3bc766.
    Alarm precision = fail findings that name a real deficiency / all fail findings: an
    absence claim is real when the label says the element is absent; a "not linked" claim
    (evidence.problem = not_linked) is real when the label records no link.
    Presence recall = TP / (TP + FN).  Values are compared without spaces and colons.
  * columns: column-stale findings matched to labelled columns by name (exact, then
    containment); a label with `name_from` (its name is shown only on another page, the
    parent of an iframe document) matches the page's column when the page has exactly one
    and nothing matched by name; newest date exact over all labelled columns; blank-column
    confusion.
  * service guides and messages: scored only where labels carry them.
Python 3 standard library only.
"""
import argparse
import hashlib
import html
import json
import os
import re
import subprocess
import sys
from collections import OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PAGES = os.path.join(HERE, "pages")
LABELS = os.path.join(HERE, "labels-unseen.json")

ELEMENTS = [
    # (label key, rule id, evidence part)
    ("site_id_code", "footer-site-code", None),
    ("icp", "footer-icp", None),
    ("police_record", "footer-psb-beian", None),
    ("conac_badge", "footer-conac-badge", None),
    ("zhaocuo", "footer-zhaocuo-entry", None),
    ("sponsor", "footer-sponsor-contact", "sponsor"),
    ("contact", "footer-sponsor-contact", "contact"),
    ("sitemap_link", "footer-sitemap", None),
]
VALUE_KEYS = {"site_id_code", "icp", "police_record", "sponsor"}


def load_labels():
    with open(LABELS, encoding="utf-8") as f:
        return json.load(f)


def page_text(label):
    raw = open(os.path.join(PAGES, label["file"]), "rb").read()
    enc = (label.get("encoding") or {}).get("actual") or "utf-8"
    text = raw.decode(enc, errors="replace")
    return raw, text


def squeeze(s):
    return "".join(c for c in (s or "") if not c.isspace() and c not in ":：")


def occurs(needle, text, unescaped):
    if needle in text or needle in unescaped:
        return True
    n = squeeze(needle)
    return n in squeeze(text) or n in squeeze(unescaped)


# ---------------------------------------------------------------- verify

def verify():
    labels = load_labels()
    problems = []
    checked = 0
    texts = {}
    for lab in labels:
        raw, text = page_text(lab)
        texts[lab["file"]] = text
    for lab in labels:
        f = lab["file"]
        raw, text = page_text(lab)
        unesc = html.unescape(text)
        if len(raw) != lab["size_bytes"] or hashlib.sha256(raw).hexdigest() != lab["sha256"]:
            problems.append(f"{f}: size or sha256 differs from the label")

        def need(value, what, where=None):
            nonlocal checked
            if value is None:
                return
            t = texts.get(where, text) if where else text
            checked += 1
            if not occurs(value, t, html.unescape(t)):
                problems.append(f"{f}: {what} {value!r} not found" + (f" in {where}" if where else ""))

        for key, _, _ in ELEMENTS:
            el = lab["footer"].get(key) or {}
            for k in ("value", "text", "link", "href", "img", "phone", "email", "address"):
                v = el.get(k)
                if isinstance(v, str):
                    need(v, f"footer.{key}.{k}")
        for col in lab.get("lists") or []:
            need(col["column"], "column name", col.get("name_from"))
            shown = col.get("newest_date_as_shown")
            if col.get("newest_date"):
                if "YYYY" in (col.get("date_format") or ""):
                    need(col["newest_date"], f"newest date of {col['column']}")
                if shown:
                    need(shown, f"newest date as shown of {col['column']}")
        if lab.get("published"):
            need(lab["published"], "published date")
        inter = lab.get("interaction") or {}
        for m in inter.get("messages") or []:
            need(m.get("question"), "message title")
            need(m.get("asked"), "message asked date")
            need(m.get("answered_date"), "message answer date")
        for g in lab.get("service_guide") or []:
            need(g.get("name"), "guide name")
    print(f"{len(labels)} labels, {checked} values checked")
    for p in problems:
        print("PROBLEM", p)
    return 1 if problems else 0


# ---------------------------------------------------------------- measure

def run_cli(binary, lab):
    url = f"https://{lab['site_domain']}/"
    today = lab.get("captured") or "2018-03-31"
    if len(today) == 7:
        today += "-31"
    cmd = [binary, "check", os.path.join(PAGES, lab["file"]), "--url", url, "--today", today, "--format", "json"]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode not in (0, 1, 2) or not out.stdout.strip():
        raise SystemExit(f"{' '.join(cmd)} failed ({out.returncode}): {out.stderr[:500]}")
    return json.loads(out.stdout)


def element_findings(report, rule, part):
    fs = [f for f in report["findings"] if f["rule"] == rule]
    if part:
        fs = [f for f in fs if (f.get("evidence") or {}).get("part") in (None, part)]
    return fs


def norm(s):
    return "".join(c for c in (s or "") if c.isalnum())


def variants(name):
    v = [norm(name)]
    if "-" in name:
        v.append(norm(name.rsplit("-", 1)[1]))
    m = re.split(r"[(（]", name, maxsplit=1)
    if len(m) > 1:
        v.append(norm(m[0]))
    return [x for x in v if x]


def find_match(name, stale, used):
    vs = variants(name)
    for i, f in enumerate(stale):
        if not used[i] and norm(f.get("column")) in vs:
            return i
    for i, f in enumerate(stale):
        c = norm(f.get("column"))
        if used[i] or not c:
            continue
        if any((c in v and len(c) >= 2) or v in c for v in vs):
            return i
    return None


def rate(a, b):
    return "n/a" if b == 0 else f"{a}/{b} = {a / b:.2f}"


def measure(binary, json_out, scores_out=None):
    labels = load_labels()
    reports = OrderedDict()
    for lab in labels:
        reports[lab["file"]] = run_cli(binary, lab)

    # ---- footer
    print("== Footer elements (pages with a decidable label) ==")
    print(f"{'element':<14} {'TP':>3} {'FN':>3} {'FP':>3} {'TN':>3} | {'fail+':>5} {'fail-':>5} {'rev+':>4} {'rev-':>4} | {'alarm prec':>12} {'recall':>12} {'values':>9}")
    totals = dict(tp=0, fn=0, fp=0, tn=0, fail_true=0, fail_false=0, vals=0, vals_ok=0)
    details = []
    for key, rule, part in ELEMENTS:
        s = dict(tp=0, fn=0, fp=0, tn=0, fail_true=0, fail_false=0, rev_pos=0, rev_neg=0, vals=0, vals_ok=0)
        for lab in labels:
            el = lab["footer"].get(key) or {}
            if el.get("present") is None and el.get("form") != "script_only":
                continue
            expected = el.get("present") is True or el.get("form") == "script_only"
            fs = element_findings(reports[lab["file"]], rule, part)
            outcomes = [f["outcome"] for f in fs]
            # Found: a pass, or a failure about a defect of a present element (it carries the
            # value and names the problem: not linked, malformed), as tests/corpus.rs counts.
            passed = next((f for f in fs if f["outcome"] == "pass"), None) or next(
                (f for f in fs if f["outcome"] == "fail" and f.get("value") and "problem" in (f.get("evidence") or {})), None)
            failed = "fail" in outcomes
            review = "review" in outcomes
            f = lab["file"]
            fail_msgs = [x for x in fs if x["outcome"] == "fail"]
            for x in fail_msgs:
                problem = (x.get("evidence") or {}).get("problem")
                if problem == "not_linked":
                    # Not linked to the right system: no link, or a link elsewhere (a 公网安备
                    # number linked to the MIIT ICP site is not linked to the national portal).
                    link = el.get("link") or ""
                    if key == "police_record":
                        right = "beian.gov.cn" in link or "beian.mps.gov.cn" in link
                    elif key == "icp":
                        right = "miit" in link
                    else:
                        right = bool(link)
                    real = expected and not right
                elif problem in FORM_PROBLEMS:
                    real = expected and malformed(key, el.get("value") or "")
                else:
                    real = not expected
                if real:
                    s["fail_true"] += 1
                else:
                    s["fail_false"] += 1
                    details.append(f"FALSE ALARM {key:<13} {f}: {x.get('message_en') or x.get('message')}"[:300])
            if expected:
                if passed:
                    s["tp"] += 1
                else:
                    s["fn"] += 1
                    details.append(f"FN  {key:<13} {f}: outcomes {outcomes}")
                if review and not passed:
                    s["rev_pos"] += 1
            else:
                if passed:
                    s["fp"] += 1
                    details.append(f"FP  {key:<13} {f}: pass value {passed.get('value')!r}")
                else:
                    s["tn"] += 1
                if review and not passed:
                    s["rev_neg"] += 1
            want = el.get("value") if key in VALUE_KEYS else None
            if expected and want and passed:
                s["vals"] += 1
                got = passed.get("value") or ""
                # The engine reports a filing number as shown, its label included
                # (`公安机关备案号:43010302000524`); the label may give the number alone.
                label_prefix = re.sub(r"^[^0-9]*", "", squeeze(got)) if key == "police_record" else None
                if squeeze(got) == squeeze(want) or label_prefix == squeeze(want):
                    s["vals_ok"] += 1
                else:
                    details.append(f"VAL {key:<13} {f}: got {got!r}, want {want!r}")
        fails = s["fail_true"] + s["fail_false"]
        print(f"{key:<14} {s['tp']:>3} {s['fn']:>3} {s['fp']:>3} {s['tn']:>3} | {s['fail_true']:>5} {s['fail_false']:>5} {s['rev_pos']:>4} {s['rev_neg']:>4} | {rate(s['fail_true'], fails):>12} {rate(s['tp'], s['tp'] + s['fn']):>12} {s['vals_ok']:>4}/{s['vals']:<4}")
        for k in totals:
            totals[k] += s.get(k, 0)
    fails = totals["fail_true"] + totals["fail_false"]
    print(f"{'ALL':<14} {totals['tp']:>3} {totals['fn']:>3} {totals['fp']:>3} {totals['tn']:>3} | {totals['fail_true']:>5} {totals['fail_false']:>5} {'':>4} {'':>4} | {rate(totals['fail_true'], fails):>12} {rate(totals['tp'], totals['tp'] + totals['fn']):>12} {totals['vals_ok']:>4}/{totals['vals']:<4}")
    print("  fail+ = fail findings naming a real deficiency; fail- = fail findings that are false alarms")
    print("  rev+/rev- = review (and no pass) on present/absent elements")
    for d in details:
        print("   ", d)

    # ---- columns
    print("\n== Columns (column-stale / column-blank) ==")
    total = matched = date_ok = 0
    btp = bfp = bfn = 0
    wrong, missed, extra, good = [], [], [], []
    dated_total = dated_ok = 0
    name_from_matches = []
    for lab in labels:
        cols = lab.get("lists")
        if not cols:
            continue
        rep = reports[lab["file"]]
        stale = [f for f in rep["findings"] if f["rule"] == "column-stale" and f.get("column")]
        blank = [f for f in rep["findings"] if f["rule"] == "column-blank" and f.get("column")]
        used = [False] * len(stale)
        for c in cols:
            total += 1
            if c.get("newest_date"):
                dated_total += 1
            i = find_match(c["column"], stale, used)
            if i is None and c.get("name_from"):
                # The page does not show the column's name (an iframe's document): its one column
                # is the labelled one.
                free = [k for k in range(len(stale)) if not used[k]]
                if len(free) == 1 and len(stale) == 1:
                    i = free[0]
                    name_from_matches.append(f"{lab['file']}: {c['column']} (name on {c['name_from']}) as “{stale[i].get('column')}”")
            if i is None:
                missed.append(f"{lab['file']}: {c['column']} (label newest {c['newest_date']})")
                if c.get("blank") is True:
                    bfn += 1
                continue
            used[i] = True
            matched += 1
            f = stale[i]
            if f.get("value") == c.get("newest_date"):
                date_ok += 1
                good.append(f"{lab['file']}: {c['column']} (as “{f.get('column')}”): {f.get('value')!r} [{f['outcome']}]")
                if c.get("newest_date"):
                    dated_ok += 1
            else:
                wrong.append(f"{lab['file']}: {c['column']} (as “{f.get('column')}”): got {f.get('value')!r}, label {c.get('newest_date')!r} [{f['outcome']}]")
            b = next((x for x in blank if x.get("column") == f.get("column")), None)
            pb = b is not None and b["outcome"] in ("fail", "needs_site")
            if c.get("blank") is True:
                if pb:
                    btp += 1
                else:
                    bfn += 1
            elif pb:
                bfp += 1
        for i, f in enumerate(stale):
            if not used[i]:
                extra.append(f"{lab['file']}: “{f.get('column')}” value {f.get('value')!r} [{f['outcome']}]")
    print(f"labelled columns: {total}; matched by name: {rate(matched, total)}")
    print(f"newest date exact: {rate(date_ok, total)} (of matched: {rate(date_ok, matched)})")
    print(f"newest date exact on columns that show a date: {rate(dated_ok, dated_total)}")
    if scores_out:
        # The figures the cargo test (tests/corpus_unseen.rs) holds to its floors.
        with open(scores_out, "w", encoding="utf-8") as f:
            json.dump({"footer": totals, "columns": {"total": total, "matched": matched, "date_ok": date_ok,
                       "dated_total": dated_total, "dated_ok": dated_ok, "blank_tp": btp, "blank_fp": bfp, "blank_fn": bfn},
                       "pages": len(labels), "hosts": len({l["site_domain"] for l in labels})}, f, indent=1)
    print(f"blank columns: tp {btp} fp {bfp} fn {bfn}")
    if name_from_matches:
        print(f"matched as the page's only column, the name being shown on another page ({len(name_from_matches)}):")
        for m in name_from_matches:
            print("   ", m)
    print(f"matched with the labelled date ({len(good)}):")
    for g in good:
        print("   ", g)
    print(f"wrong dates ({len(wrong)}):")
    for w in wrong:
        print("   ", w)
    print(f"missed columns ({len(missed)}):")
    for m in missed:
        print("   ", m)
    print(f"columns found but not labelled ({len(extra)}):")
    for e in extra:
        print("   ", e)

    # ---- homepage freshness and blank claims outside the labelled columns
    print("\n== Homepage freshness (home-not-updated) ==")
    import datetime as _dt
    for lab in labels:
        if lab["page_type"] != "homepage" or not lab.get("lists"):
            continue
        dates = [c["newest_date"] for c in lab["lists"] if c.get("newest_date")]
        newest = max(dates) if dates else None
        cap = lab.get("captured")
        fresh = None
        if newest and cap and len(cap) == 10:
            fresh = (_dt.date.fromisoformat(cap) - _dt.date.fromisoformat(newest)).days <= 14
        fs = [f for f in reports[lab["file"]]["findings"] if f["rule"] == "home-not-updated"]
        outs = [(f["outcome"], f.get("value"), f.get("column")) for f in fs]
        verdict = ""
        if fresh is True and any(o[0] == "fail" for o in outs):
            verdict = "FALSE ALARM (veto on a homepage updated within 14 days)"
        elif fresh is False and any(o[0] == "fail" for o in outs):
            verdict = "real failure"
        print(f"    {lab['file']}: labelled newest item {newest}, captured {cap}, fresh={fresh}; engine {outs} {verdict}")
    print("\n== Blank-column claims on blocks that are not labelled columns ==")
    nclaims = 0
    for lab in labels:
        names = [c["column"] for c in (lab.get("lists") or [])]
        for f in reports[lab["file"]]["findings"]:
            # Column claims only: the veto statement (evidence.veto) names no column.
            if f["rule"] == "column-blank" and f["outcome"] in ("fail", "needs_site") and not (f.get("evidence") or {}).get("veto"):
                col = f.get("column") or ""
                if not any(norm(col) and (norm(col) in variants(n) or any(v in norm(col) for v in variants(n))) for n in names):
                    nclaims += 1
                    print(f"    {lab['file']}: “{col}” {f['outcome']} {(f.get('evidence') or {}).get('how')}")
    print(f"  {nclaims} blank claims on blocks that are not columns (false alarms)")

    # ---- guides
    print("\n== Service guides ==")
    guides = [(lab, g) for lab in labels for g in (lab.get("service_guide") or [])]
    if not guides:
        print("no labelled service-guide page in the unseen split (none was found); engine findings on the unseen pages:")
    for lab in labels:
        for f in reports[lab["file"]]["findings"]:
            if f["rule"] == "service-guide-elements" and f["outcome"] != "not_applicable":
                print(f"    {lab['file']}: {f['outcome']} value {f.get('value')!r} missing {(f.get('evidence') or {}).get('missing_elements')}")
    exact = 0
    for lab, g in guides:
        fs = [f for f in reports[lab["file"]]["findings"] if f["rule"] == "service-guide-elements" and f["outcome"] != "not_applicable"]
        got = sorted(fs[0].get("evidence", {}).get("missing_elements") or []) if fs else None
        if got == sorted(g.get("missing") or []):
            exact += 1
    if guides:
        print(f"guide elements exact: {rate(exact, len(guides))}")

    # ---- messages
    print("\n== Messages ==")
    msgs = [(lab, m) for lab in labels for m in ((lab.get("interaction") or {}).get("messages") or [])]
    dated = [(lab, m) for lab, m in msgs if m.get("asked")]
    print(f"labelled messages: {len(msgs)}, with an asked date: {len(dated)}")
    for lab in labels:
        for f in reports[lab["file"]]["findings"]:
            if f["rule"] in ("interaction-unanswered",):
                print(f"    {lab['file']}: {f['rule']} {f['outcome']} value {f.get('value')!r}")
    if dated:
        ok = 0
        for lab, m in dated:
            vals = {f.get("value") for f in reports[lab["file"]]["findings"] if f["rule"] == "interaction-unanswered"}
            ok += m["asked"] in vals
        print(f"asked dates reported: {rate(ok, len(dated))}")
    else:
        print("no message with dates is labelled: asked/answered accuracy cannot be measured")

    if json_out:
        with open(json_out, "w", encoding="utf-8") as f:
            json.dump(reports, f, ensure_ascii=False, indent=1)


# Claims about the form of a present number, and whether the labelled value has that defect.
FORM_PROBLEMS = ("malformed", "length", "missing_bei")


def malformed(key, value):
    v = re.sub(r"[\s:：]", "", value)
    if key == "police_record":
        digits = re.sub(r"^.*?(?=[0-9])", "", v).rstrip("号")
        return not re.fullmatch(r"[0-9]{14}", digits)
    if key == "icp":
        return "ICP备" not in v
    if key == "site_id_code":
        return not re.fullmatch(r"[0-9]{10}|bm[0-9]{8}", v, re.I)
    return False


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("verify")
    m = sub.add_parser("measure")
    m.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "govcheck"))
    m.add_argument("--json", help="also write the raw CLI reports here")
    m.add_argument("--scores", help="also write the footer and column totals here (JSON)")
    a = ap.parse_args()
    if a.cmd == "verify":
        sys.exit(verify())
    measure(a.bin, a.json, a.scores)


if __name__ == "__main__":
    main()
