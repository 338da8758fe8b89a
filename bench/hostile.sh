#!/usr/bin/env bash
# Time and memory of every adversarial input, release build: each must end
# in under 2 s and under 200 MB. Prints a Markdown table.
#   bench/hostile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet --bin agreement-diff
AD="$PWD/target/release/agreement-diff"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
python3 - "$WORK" <<'PY'
import sys, os
w = sys.argv[1]
base = open("tests/hostile/valid-alias-value.yaml").read().replace("rate: &r 6%", "rate: 5%")
open(f"{w}/base.yaml", "w").write(base)
def put(name, data):
    open(f"{w}/{name}", "wb").write(data if isinstance(data, bytes) else data.encode())
put("deep-block.yaml", "agreement: x\nparties: {a: A}\nclauses:\n  - id: c\n    text: " + "- " * 100_000 + "x\n")
put("deep-flow.yaml", "agreement: x\nparties: " + "[" * 100_000 + "]" * 100_000 + "\n")
put("deep-flow-maps-1mb.yaml", "agreement: x\nparties: " + "{a: " * 200_000 + "1" + "}" * 200_000 + "\n")
wide = "agreement: x\nparties: {a: A}\nclauses: []\nnotes: ["
while len(wide) < 1_000_000:
    wide += "{k: {k: {k: v}}}, "
put("wide-flow-1mb.yaml", wide + "{}]\n")
put("scalar-50mb.yaml", base.replace("text: Alpha pays Beta.", 'text: "' + "a" * (50 * 1024 * 1024) + '"'))
put("line-1mb.yaml", base.replace("text: Alpha pays Beta.", 'text: "' + "word " * 200_000 + '"'))
with open(f"{w}/file-100mb.yaml", "wb") as f:
    f.truncate(100 * 1024 * 1024)
def aliased(edit):
    # Issue 9, item 7: one anchored 860 KB text used by 999 clauses.
    s = 'agreement: x\nparties: {a: A}\nclauses:\n  - id: c0\n    text: &t "' + edit + " word" * 171_999 + '"\n'
    return s + "".join(f"  - id: c{i}\n    text: *t\n" for i in range(1, 1000))
put("alias-amplification.yaml", aliased("text"))
os.makedirs(f"{w}/pairs", exist_ok=True)
open(f"{w}/pairs/alias-amplification-old.yaml", "w").write(aliased("word"))
# Issue 9, item 8: a 2 MB line of 300,000 numbers, one of them edited.
import random
random.seed(1)
nums = [str(random.randint(1, 10**6)) for _ in range(300_000)]
def numbers(ns):
    return 'agreement: x\nparties: {a: A, b: B}\nclauses:\n  - id: c\n    text: "' + " ".join(ns) + '"\n'
open(f"{w}/pairs/numbers-300k-old.yaml", "w").write(numbers(nums))
nums[150_000] = "999999999"
put("numbers-300k.yaml", numbers(nums))
put("utf16.yaml", b"\xff\xfea\x00:\x00 \x001\x00")
put("nul.yaml", b"agreement: x\nparties:\n  a: A\x00B\n")
PY
for f in tests/hostile/*.yaml; do cp "$f" "$WORK/"; done
printf '| input | exit | seconds | peak MB | |\n|---|---|---|---|---|\n'
# measure NAME OLD NEW: one row of the table.
measure() {
  start=$(date +%s.%N)
  set +e
  /usr/bin/time -f %M -o "$WORK/rss" "$AD" --no-config "$2" "$3" >/dev/null 2>&1
  code=$?
  set -e
  end=$(date +%s.%N)
  secs=$(python3 -c "print(f'{$end - $start:.3f}')")
  mb=$(python3 -c "print(round(int(open('$WORK/rss').read().split()[-1]) / 1024))")
  ok=$(python3 -c "print('ok' if $end - $start < 2 and $mb < 200 else 'OVER')")
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$code" "$secs" "$mb" "$ok"
}
for f in "$WORK"/*.yaml; do
  name="$(basename "$f")"
  [ "$name" = base.yaml ] && continue
  measure "$name" "$WORK/base.yaml" "$f"
done
# Pairs where both versions are hostile: the old version against the new.
measure "alias-amplification.yaml (old → new)" "$WORK/pairs/alias-amplification-old.yaml" "$WORK/alias-amplification.yaml"
measure "numbers-300k.yaml (old → new, one number edited)" "$WORK/pairs/numbers-300k-old.yaml" "$WORK/numbers-300k.yaml"
