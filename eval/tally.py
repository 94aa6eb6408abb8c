#!/usr/bin/env python3
"""Counts a blind read's verdicts for each version of the rules.

    eval/tally.py SHEET.key VERDICTS.tsv

VERDICTS.tsv has a header and then q, verdict (good, weak or bad), pattern
and note, tab-separated; SHEET.key is what paired-sheet.py wrote. A
question counts for every version that asked it. Prints, for each
version: all, per kind, per language, per show, and weak or bad per
pattern.
"""
import collections
import sys


def table(title, rows):
    print(f"\n{title}\n")
    print("| slice | n | good | weak | bad | fair | good share |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, c in rows:
        n = sum(c.values())
        if n:
            print(f"| {name} | {n} | {c['good']} | {c['weak']} | {c['bad']} "
                  f"| {100 * (c['good'] + c['weak']) // n}% | {100 * c['good'] // n}% |")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    key = {}
    for row in open(sys.argv[1], encoding="utf-8").read().splitlines()[1:]:
        q, show, kind, language, versions, score = (row.split("\t") + [""])[:6]
        signals = score.split(": ", 1)[1].split(", ") if ": " in score else []
        key[q] = (show, kind, language, versions.split(","), signals)
    verdicts = {}
    for row in open(sys.argv[2], encoding="utf-8").read().splitlines()[1:]:
        parts = row.split("\t") + ["", ""]
        if parts[0] in key:
            verdicts[parts[0]] = (parts[1].strip().lower(), parts[2].strip())
    missing = [q for q in key if q not in verdicts]
    if missing:
        print(f"{len(missing)} questions have no verdict: {' '.join(missing[:20])}")
    for version in sorted({v for *_, vs, _ in key.values() for v in vs}):
        slices = collections.defaultdict(collections.Counter)
        by_signal = collections.defaultdict(collections.Counter)
        patterns = collections.Counter()
        for q, (verdict, pattern) in verdicts.items():
            show, kind, language, versions, signals = key[q]
            if version not in versions:
                continue
            for name in ("all", kind, language, show):
                slices[name][verdict] += 1
            for signal in signals:
                by_signal[signal][verdict] += 1
            if verdict != "good" and pattern:
                patterns[pattern] += 1
        table(f"## {version}", sorted(slices.items(), key=lambda kv: kv[0] != "all"))
        table(f"### {version}, by signal (a question counts for each of its signals)", sorted(by_signal.items()))
        print("\nweak or bad by pattern: " + ", ".join(f"{p} {n}" for p, n in patterns.most_common()))


main()
