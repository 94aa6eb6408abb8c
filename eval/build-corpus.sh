#!/usr/bin/env bash
# Build a seeds folder from saved recap pages, the way a server owner would:
# one `cliffhanger recap add` per page listed in eval/pages.tsv whose raw text
# was saved, then `cliffhanger check --suggest-roster --write` for the roster.
#
# Usage: eval/build-corpus.sh [--raw DIR] [--seeds DIR] [RAW_DIR [SEEDS_DIR]]
#
#   RAW_DIR    saved page texts, RAW_DIR/<slug>/<CODE>.<lang>.txt
#              (default: /work/corpus/raw)
#   SEEDS_DIR  the seeds folder to write, rebuilt from empty on every run
#              (default: $SEEDS_DIR, else /work/corpus/seeds)
#
# Environment:
#   CLIFFHANGER  the binary (default: /work/main/target/debug/cliffhanger)
#
# SEEDS_DIR is emptied first (the script refuses a folder that holds anything
# but show folders). The database is a throw-away SQLite file in a temporary
# folder; the seeds are imported into it at the end to prove they load. On an
# error the script stops with the failing step and leaves SEEDS_DIR partial.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pages="$here/pages.tsv"
raw_dir=/work/corpus/raw
seeds_dir=${SEEDS_DIR:-/work/corpus/seeds}
bin=${CLIFFHANGER:-/work/main/target/debug/cliffhanger}

die() { echo "build-corpus: $*" >&2; exit 1; }

positional=()
while (($#)); do
  case $1 in
    --raw) raw_dir=${2:?--raw needs a folder}; shift 2 ;;
    --raw=*) raw_dir=${1#*=}; shift ;;
    --seeds) seeds_dir=${2:?--seeds needs a folder}; shift 2 ;;
    --seeds=*) seeds_dir=${1#*=}; shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) positional+=("$1"); shift ;;
  esac
done
((${#positional[@]} <= 2)) || die "too many arguments (see --help)"
((${#positional[@]} >= 1)) && raw_dir=${positional[0]}
((${#positional[@]} >= 2)) && seeds_dir=${positional[1]}

[[ -f $pages ]] || die "no page list at $pages"
[[ -x $bin ]] || die "no cliffhanger binary at $bin (set CLIFFHANGER)"
[[ -d $raw_dir ]] || die "no folder of saved pages at $raw_dir"
raw_dir=$(cd "$raw_dir" && pwd)

# Start from an empty seeds folder, but never wipe a folder that is not one:
# every entry of an existing folder must be a show folder with a show.toml.
seeds_dir=${seeds_dir%/}
if [[ -e $seeds_dir ]]; then
  [[ -d $seeds_dir ]] || die "$seeds_dir exists and is not a folder"
  shopt -s nullglob dotglob
  for entry in "$seeds_dir"/*; do
    [[ -d $entry && -f $entry/show.toml ]] ||
      die "$seeds_dir holds $entry, which is not a show folder; not wiping it"
  done
  shopt -u nullglob dotglob
fi
mkdir -p "$(dirname "$seeds_dir")"
seeds_dir="$(cd "$(dirname "$seeds_dir")" && pwd)/$(basename "$seeds_dir")"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build="$seeds_dir"
rm -rf "$build"
mkdir "$build"
export DATABASE_URL="sqlite://$work/build.db"
export SEEDS_DIR="$build"

toml_string() { # a TOML basic string
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}

# Shows whose listed pages are all German get `language = "de"`.
declare -A show_langs=()
while IFS=$'\t' read -r slug _ _ lang _; do
  [[ $slug == slug || -z $slug || $slug == \#* ]] && continue
  show_langs[$slug]+=" $lang"
done <"$pages"

added=0 skipped=0 line_no=0
while IFS=$'\t' read -r slug show code lang url split title; do
  line_no=$((line_no + 1))
  [[ $line_no -eq 1 && $slug == slug ]] && continue
  [[ -z $slug || $slug == \#* ]] && continue
  [[ -n $show && -n $code && -n $lang && -n $url && -n $split ]] ||
    die "pages.tsv line $line_no: missing a column"
  file="$raw_dir/$slug/$code.$lang.txt"
  if [[ ! -f $file ]]; then
    echo "skip  $slug $code $lang (no $file)"
    skipped=$((skipped + 1))
    continue
  fi
  if [[ ! -f $build/$slug/show.toml ]]; then
    mkdir -p "$build/$slug"
    {
      echo "title = $(toml_string "$show")"
      [[ " ${show_langs[$slug]} " == *" en "* ]] || echo 'language = "de"'
    } >"$build/$slug/show.toml"
  fi
  args=(recap add "$file" --show "$slug" --episode "$code" --language "$lang" --source "$url")
  [[ -n ${title:-} ]] && args+=(--title "$title")
  echo "add   $slug $code $lang"
  if ! "$bin" "${args[@]}" >"$work/out" 2>&1; then
    cat "$work/out" >&2
    die "recap add failed for $slug $code $lang ($file)"
  fi
  sed 's/^/      /' "$work/out"
  added=$((added + 1))
done <"$pages"

((added > 0)) || die "no saved page found under $raw_dir"

# The roster, as an owner makes it: of the names `check --suggest-roster`
# offers, those rosters.tsv picks (--only SHOW:NAME), then the aliases it
# gives each written into show.toml, and the names it lists that were not
# offered added, as an owner edits it afterwards.
rosters=$here/rosters.tsv
[[ -f $rosters ]] || die "no $rosters"
only=()
while IFS=$'\t' read -r slug name _aliases; do
  [[ $slug == slug || -z $slug ]] && continue
  # "+Name": a name the suggestions do not offer, added by hand below.
  [[ -d $build/$slug && $name != +* ]] && only+=(--only "$slug:$name")
done <"$rosters"
echo "roster: cliffhanger check --suggest-roster --write (${#only[@]} names picked)"
"$bin" check --suggest-roster --write "${only[@]}" || die "check --suggest-roster --write failed"
python3 - "$rosters" "$build" <<'PY' || die "could not write the aliases"
import json, sys
rosters, build = sys.argv[1], sys.argv[2]
for row in open(rosters, encoding="utf-8").read().splitlines()[1:]:
    parts = row.split("\t")
    if len(parts) < 2:
        continue
    slug, name = parts[0], parts[1].removeprefix("+")
    aliases = [a.strip() for a in parts[2].split(",")] if len(parts) > 2 and parts[2].strip() else []
    path = f"{build}/{slug}/show.toml"
    try:
        text = open(path, encoding="utf-8").read()
    except FileNotFoundError:
        continue
    line = f"name = {json.dumps(name, ensure_ascii=False)}\n"
    if line not in text:
        # A name the suggestions missed ("Man in Black"): the owner adds it.
        text += f"\n[[characters]]\n{line}kind = \"person\"\n"
    if aliases:
        text = text.replace(line, line + f"aliases = {json.dumps(aliases, ensure_ascii=False)}\n", 1)
    open(path, "w", encoding="utf-8").write(text)
PY

echo "check: cliffhanger check"
"$bin" check >"$work/out" 2>&1 || { cat "$work/out" >&2; die "the built seeds do not check"; }
echo "import: cliffhanger import (throw-away database)"
"$bin" import >"$work/out" 2>&1 || { cat "$work/out" >&2; die "the built seeds do not import"; }

echo "built $seeds_dir: $added recaps added, $skipped pages without a saved text"
