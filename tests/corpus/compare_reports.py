#!/usr/bin/env python3
"""Do two govcheck builds give the same reports? For refactors that must not change behaviour.

    python3 tests/corpus/compare_reports.py OLD_BIN NEW_BIN [--today 2024-01-15]

Runs `govcheck check FILE --url URL --today DAY --format json` with both binaries on every
corpus page (tests/corpus/pages, each with its labelled site URL), every rule fixture
(tests/fixtures/**.html, no URL) and also as the live DOM (`--source live`) for the corpus
pages, and compares the whole reports with the engine version set aside. Prints each
difference and exits 1 when there is one. Python 3 standard library only.
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def report(binary, path, url, today, source):
    cmd = [binary, "check", path, "--today", today, "--format", "json"]
    if url:
        cmd += ["--url", url]
    if source == "live":
        cmd += ["--source", "live"]
    out = subprocess.run(cmd, capture_output=True)
    if out.returncode not in (0, 1):
        return {"error": out.returncode, "stderr": out.stderr.decode("utf-8", "replace").strip()}
    r = json.loads(out.stdout)
    r["meta"].pop("engine_version", None)
    return r


def first_difference(a, b, where="report"):
    if type(a) is not type(b):
        return f"{where}: {json.dumps(a, ensure_ascii=False)[:200]} != {json.dumps(b, ensure_ascii=False)[:200]}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{where}.{k}: only in {'new' if k not in a else 'old'}"
            d = first_difference(a[k], b[k], f"{where}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{where}[{i}]")
            if d:
                return d
        if len(a) != len(b):
            return f"{where}: {len(a)} items != {len(b)} items"
        return None
    return None if a == b else f"{where}: {json.dumps(a, ensure_ascii=False)[:200]} != {json.dumps(b, ensure_ascii=False)[:200]}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--today", default="2024-01-15")
    args = ap.parse_args()
    urls = {}
    for name in ("labels.json", "labels-unseen.json"):
        for label in json.load(open(os.path.join(ROOT, "tests/corpus", name), encoding="utf-8")):
            if label.get("site_domain"):
                urls[label["file"]] = f"https://{label['site_domain']}/"
    cases = []
    pages = os.path.join(ROOT, "tests/corpus/pages")
    for f in sorted(os.listdir(pages)):
        if f.endswith(".html"):
            for source in ("raw", "live"):
                cases.append((os.path.join(pages, f), urls.get(f), source))
    for dirpath, _, files in sorted(os.walk(os.path.join(ROOT, "tests/fixtures"))):
        for f in sorted(files):
            if f.endswith(".html"):
                cases.append((os.path.join(dirpath, f), None, "raw"))
    diffs = 0
    for path, url, source in cases:
        a = report(args.old, path, url, args.today, source)
        b = report(args.new, path, url, args.today, source)
        d = first_difference(a, b)
        if d:
            diffs += 1
            print(f"DIFF {os.path.relpath(path, ROOT)} ({source}): {d}")
    print(f"{len(cases)} reports compared, {diffs} differ")
    sys.exit(1 if diffs else 0)


if __name__ == "__main__":
    main()
