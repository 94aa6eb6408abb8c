#!/usr/bin/env python3
"""Writes a blind-read sheet: every question the bank asks for the given
shows, in random order, which-episode questions with the choices a game
whose gate reaches the show's last episode draws (the first draw, over
seeds 1, 2, ..., that asks each one).

    SEEDS_DIR=/work/corpus/seeds DATABASE_URL=sqlite:///tmp/read.db \
        eval/read-sheet.py OUT SLUG:LAST_CODE [SLUG:LAST_CODE ...]

CLIFFHANGER names the binary (default: target/debug/cliffhanger).
Verdicts go in a TSV beside it: q, show, kind, verdict (good, weak or
bad), pattern, note.
"""
import os
import random
import sys

from sheet import asked, shown

binary = os.environ.get("CLIFFHANGER", "target/debug/cliffhanger")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, shows = sys.argv[1], [a.split(":") for a in sys.argv[2:]]
    sheet = asked(binary, dict(os.environ), shows)
    items = list(sheet.items())
    random.Random(9).shuffle(items)
    with open(out, "w", encoding="utf-8") as f:
        for i, ((slug, _), b) in enumerate(items, 1):
            f.write(f"Q{i} [{slug}] {shown(b)}\n\n")
    print(f"{len(items)} questions in {out}")


main()
