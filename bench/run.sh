#!/usr/bin/env bash
# Benchmark agreement-diff side by side with the tools users would otherwise
# pick, on generated agreement pairs. One command, from a fresh clone:
#
#   bench/run.sh                 # 1k, 10k and 100k clauses
#   SIZES="1000 10000" RUNS=5 bench/run.sh
#
# Prints a Markdown table (also written to bench/results.md): median wall
# time and median peak memory (maximum resident set size, as /usr/bin/time
# -v reports it) of each tool, ratios
# computed within the run, and the targets of issue #4 marked met or missed.
# Peers that are missing are installed (cargo install / pip) unless
# BENCH_NO_INSTALL=1, or skipped with a message saying how to install them.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-1000 10000 100000}"
RUNS="${RUNS:-5}"
DATA="${DATA:-bench/data}"
PEERS="${PEERS:-$HOME/.cache/agreement-diff-peers}"
export PATH="$PEERS/bin:$PATH"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: needs /usr/bin/time (Debian package: time)" >&2; exit 2; }

echo "bench: building agreement-diff and the generator (release)" >&2
cargo build --release --locked --quiet --bin agreement-diff --example generate
AD="$PWD/target/release/agreement-diff"
GEN="$PWD/target/release/examples/generate"

have() { command -v "$1" >/dev/null 2>&1; }
if ! have diffx || ! have difft; then
  if [ "${BENCH_NO_INSTALL:-0}" = 1 ]; then
    echo "bench: diffx/difftastic missing; install with: cargo install --locked --root $PEERS diffx difftastic" >&2
  else
    echo "bench: installing diffx and difftastic into $PEERS (takes a few minutes)" >&2
    cargo install --locked --quiet --root "$PEERS" diffx difftastic || echo "bench: install failed; skipping them" >&2
  fi
fi
DEEPDIFF=0
if python3 -c 'import deepdiff, yaml' 2>/dev/null; then DEEPDIFF=1
elif [ "${BENCH_NO_INSTALL:-0}" != 1 ] && pip install --quiet deepdiff pyyaml >/dev/null 2>&1; then DEEPDIFF=1
else echo "bench: deepdiff skipped (pip install deepdiff pyyaml)" >&2; fi
DEEPDIFF_PY="$(mktemp)"
cat > "$DEEPDIFF_PY" <<'PY'
import sys, yaml
from deepdiff import DeepDiff
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
a = yaml.load(open(sys.argv[1]), Loader=Loader)
b = yaml.load(open(sys.argv[2]), Loader=Loader)
print(len(DeepDiff(a, b, ignore_order=False).to_json()))
PY

SPEC="$(mktemp)"
echo "[" > "$SPEC"
# add LABEL SIZE TIMEOUT [SKIP_IF] -- COMMAND...
add() {
  local label="$1" size="$2" limit="$3" skip_if=""; shift 3
  if [ "$1" != "--" ]; then skip_if="$1"; shift; fi
  shift
  python3 -c 'import json,sys; print(json.dumps({"label": sys.argv[1], "size": int(sys.argv[2]), "timeout": float(sys.argv[3]), "skip_if": sys.argv[4] or None, "argv": sys.argv[5:]}) + ",")' \
    "$label" "$size" "$limit" "$skip_if" "$@" >> "$SPEC"
}

for n in $SIZES; do
  dir="$DATA/$n"
  if [ ! -f "$dir/new.yaml" ]; then "$GEN" --clauses "$n" --seed 1 --out "$dir" 2>/dev/null; fi
  old="$dir/old.yaml"; new="$dir/new.yaml"
  larger="$old"; [ "$(stat -c %s "$new")" -gt "$(stat -c %s "$old")" ] && larger="$new"
  echo "bench: $n clauses ($(du -h "$new" | cut -f1) per file)" >&2
  big=(--max-bytes 4000000000)
  add agreement-diff "$n" 600 -- "$AD" --no-config --format json "${big[@]}" "$old" "$new"
  add load-larger "$n" 600 -- "$AD" check "${big[@]}" "$larger"
  add load-both "$n" 600 -- "$AD" check "${big[@]}" "$old" "$new"
  have diffx && add diffx "$n" 600 -- diffx --array-id-key id -o json "$old" "$new"
  have difft && add difftastic "$n" 600 -- difft --color never "$old" "$new"
  # deepdiff gets 120 s; once it runs out of time the larger sizes are skipped.
  [ "$DEEPDIFF" = 1 ] && add deepdiff "$n" 120 deepdiff -- python3 "$DEEPDIFF_PY" "$old" "$new"
  add "diff -u" "$n" 600 -- diff -u "$old" "$new"
done

# Pathological pairs.
path="$DATA/pathological"
[ -f "$path/rewrite/new.yaml" ] || "$GEN" --rewrite-words 100000 --seed 1 --out "$path/rewrite" 2>/dev/null
[ -f "$path/renamed/new.yaml" ] || "$GEN" --clauses 10000 --rename-all --seed 1 --out "$path/renamed" 2>/dev/null
[ -f "$path/reversed/new.yaml" ] || "$GEN" --clauses 10000 --reverse --seed 1 --out "$path/reversed" 2>/dev/null
[ -f "$DATA/10000/new.yaml" ] || "$GEN" --clauses 10000 --seed 1 --out "$DATA/10000" 2>/dev/null
add "rewrite-100k-words" 1 60 -- "$AD" --no-config --format json "$path/rewrite/old.yaml" "$path/rewrite/new.yaml"
add "ordinary-10k" 10000 600 -- "$AD" --no-config --format json "$DATA/10000/old.yaml" "$DATA/10000/new.yaml"
add "all-renamed-10k" 10000 600 -- "$AD" --no-config --format json "$path/renamed/old.yaml" "$path/renamed/new.yaml"
add "reversed-10k" 10000 600 -- "$AD" --no-config --format json "$path/reversed/old.yaml" "$path/reversed/new.yaml"
python3 -c 'import sys; t=open(sys.argv[1]).read().rstrip().rstrip(","); open(sys.argv[1],"w").write(t + "]\n")' "$SPEC"
python3 bench/measure.py "$SPEC" "$RUNS" bench/results.md
rm -f "$SPEC" "$DEEPDIFF_PY"
