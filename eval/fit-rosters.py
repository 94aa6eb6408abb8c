#!/usr/bin/env python3
"""Fits the roster lines of some shows in rosters.tsv to what `check
--suggest-roster` offers, as an owner picking from the suggestions would:
a character whose name or one of whose aliases is suggested is picked by
the longest such suggestion (the other forms become aliases); one never
suggested is added by hand (`+Name`).

    eval/fit-rosters.py BUILD_LOG SLUG [SLUG ...]

BUILD_LOG is the output of a build-corpus.sh run that stopped at
"--only names what is not suggested: …; the suggestions are: …".
"""
import os
import sys

if len(sys.argv) < 3:
    sys.exit(__doc__)
log = open(sys.argv[1], encoding="utf-8").read()
suggested = [s.strip() for s in log.split("the suggestions are: ")[1].split("\n")[0].split(", ")]
slugs = set(sys.argv[2:])
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rosters.tsv")
out = []
for row in open(path, encoding="utf-8").read().splitlines():
    parts = row.split("\t")
    if parts[0] not in slugs or len(parts) < 2 or parts[1].startswith("+") or parts[1] in suggested:
        out.append(row)
        continue
    slug, name = parts[0], parts[1]
    aliases = [a.strip() for a in parts[2].split(",")] if len(parts) > 2 and parts[2].strip() else []
    hits = [s for s in suggested if s == name or s in aliases]
    if hits:
        best = max(hits, key=len)
        rest = [a for a in [name] + aliases if a != best]
        out.append("\t".join([slug, best, ",".join(rest)]))
    else:
        out.append("\t".join([slug, "+" + name] + ([",".join(aliases)] if aliases else [])))
open(path, "w", encoding="utf-8").write("\n".join(out) + "\n")
