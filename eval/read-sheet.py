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
import re
import subprocess
import sys

binary = os.environ.get("CLIFFHANGER", "target/debug/cliffhanger")


def blocks(text):
    return [
        b
        for b in text.strip().split("\n\n")
        if re.match(r"^S\d\dE\d\d \[", b.split("\n")[0])
    ]


def questions(*args):
    out = subprocess.run(
        [binary, "questions", *args], capture_output=True, text=True, check=True
    )
    return blocks(out.stdout)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, shows = sys.argv[1], [a.split(":") for a in sys.argv[2:]]
    sheet = {}
    for slug, last in shows:
        bank = questions("--show", slug)
        which = {b.split("\n")[0] for b in bank if "WhichEpisode" in b.split("\n")[0]}
        for b in bank:
            if "WhichEpisode" not in b.split("\n")[0]:
                sheet[(slug, b.split("\n")[0])] = b
        drawn = {}
        for seed in range(1, 300):
            if len(drawn) == len(which):
                break
            for b in questions("--show", slug, "--up-to", last, "--sample", "1000", "--seed", str(seed)):
                head = b.split("\n")[0]
                if head in which and head not in drawn:
                    drawn[head] = b
        for head, b in drawn.items():
            sheet[(slug, head)] = b
    items = list(sheet.items())
    random.Random(9).shuffle(items)
    with open(out, "w", encoding="utf-8") as f:
        for i, ((slug, _), b) in enumerate(items, 1):
            f.write(f"Q{i} [{slug}] {b}\n\n")
    print(f"{len(items)} questions in {out}")


main()
