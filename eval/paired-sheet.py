#!/usr/bin/env python3
"""Writes one blind-read sheet for two versions of the rules at once, so
that the same reader judges both: every question either binary asks for
the given shows, each distinct question once, shuffled, with nothing to
tell which version asked it. The key (which version asked each) goes to
OUT.key, for tally.py.

    SEEDS_DIR=/work/corpus/seeds eval/paired-sheet.py OLD_BINARY NEW_BINARY OUT \
        SLUG:LAST_CODE [SLUG:LAST_CODE ...]

Each binary imports the seeds into a throw-away SQLite database of its own.
"""
import os
import random
import sys
import tempfile

from sheet import asked, score, shown


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    old, new, out = sys.argv[1:4]
    shows = [a.split(":") for a in sys.argv[4:]]
    merged = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, binary in (("old", old), ("new", new)):
            env = dict(os.environ, DATABASE_URL=f"sqlite://{tmp}/{name}.db")
            for (slug, _), block in asked(binary, env, shows).items():
                entry = merged.setdefault((slug, shown(block)), [block, set(), {}])
                entry[1].add(name)
                entry[2][name] = score(block)
    items = list(merged.items())
    random.Random(11).shuffle(items)
    with open(out, "w", encoding="utf-8") as f, open(out + ".key", "w") as key:
        key.write("q\tshow\tkind\tlanguage\tversions\tscore\n")
        for i, ((slug, _), (block, versions, scores)) in enumerate(items, 1):
            head = block.split("\n")[0].split()
            f.write(f"Q{i} [{slug}] {shown(block)}\n\n")
            key.write(f"Q{i}\t{slug}\t{head[2]}\t{head[1].strip('[]')}\t{','.join(sorted(versions))}\t{scores.get('new', scores.get('old', ''))}\n")
    both = sum(1 for _, (_, v, _) in items if len(v) == 2)
    print(f"{len(items)} questions in {out}: {both} asked by both, "
          f"{sum(1 for _, (_, v, _) in items if v == {'old'})} by the old rules only, "
          f"{sum(1 for _, (_, v, _) in items if v == {'new'})} by the new only")


main()
