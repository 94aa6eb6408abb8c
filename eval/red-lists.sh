#!/usr/bin/env bash
# Imports every Red-DiscordBot trivia list in a folder (Red's own are in
# its repository, redbot/cogs/trivia/data/lists/) into a scratch copy of the
# bundled seeds, one after another, and counts what came in: lists,
# questions, lists that repeat a question (the last listing kept) and
# lists refused, each refusal with its reason.
#
#   eval/red-lists.sh LISTS_DIR [BINARY]
set -euo pipefail
lists="${1:?usage: eval/red-lists.sh LISTS_DIR [BINARY]}"
bin="${2:-target/release/cliffhanger}"
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp -r "$root/seeds" "$scratch/seeds"
imported=0 questions=0 repeated=0 refused=0
for list in "$lists"/*.yaml; do
    if out="$("$bin" --database "sqlite://$scratch/db" --seeds "$scratch/seeds" \
        trivia-import "$list" --format red --show smash 2>&1)"; then
        imported=$((imported + 1))
        n="$(printf '%s\n' "$out" | sed -n 's/^Imported \([0-9,]*\) question.*/\1/p' | tr -d ,)"
        questions=$((questions + ${n:-0}))
        if printf '%s\n' "$out" | grep -q 'is listed on line'; then
            repeated=$((repeated + 1))
        fi
    else
        refused=$((refused + 1))
        printf 'refused %s: %s\n' "$(basename "$list")" "$(printf '%s\n' "$out" | head -n 1)"
    fi
done
printf 'lists imported: %d, questions: %d, lists repeating a question: %d, refused: %d\n' \
    "$imported" "$questions" "$repeated" "$refused"
