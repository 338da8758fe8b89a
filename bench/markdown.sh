#!/usr/bin/env bash
# Time a 1 MB Markdown agreement pair, release build (issue 10: under 0.5 s).
# The pair is made from the corpus beside the repository (../shared/corpus),
# or synthesised when it is absent: the old version concatenates documents
# until it passes 1 MB; the new one inserts a section near the top (so every
# later number shifts), rewords some sentences and changes some numbers.
#
#   bench/markdown.sh            # RUNS=5 by default; prints the median
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-5}"
cargo build --release --locked --quiet --bin agreement-diff
AD="$PWD/target/release/agreement-diff"
WORK="$(mktemp -d)"
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
python3 - "$WORK" <<'PY'
import glob, os, re, sys
w = sys.argv[1]
files = sorted(f for f in glob.glob("../shared/corpus/*/*.md") if not f.endswith("VERSIONS.md"))
texts = [open(f, encoding="utf-8").read() for f in files]
if not texts:
    # No corpus: synthesise numbered sections with bold lead-ins and lists.
    para = ("__Payment.__ Customer pays the fees within 30 days of each invoice, as set out in Section 4. "
            "Late amounts accrue interest at 1% per month.\n\n* Availability is 99.9% each month.\n"
            "* Support answers within 2 business days.\n\n")
    texts = ["".join(f"## {i}. Section {i}\n\n{para}" for i in range(1, 40))]
old, n = [], 0
while sum(map(len, old)) < 1_050_000:
    for t in texts:
        n += 1
        # Each copy under its own part heading; a document's own title becomes a section.
        old.append(f"## Part {n}\n\n" + re.sub(r"^# ", "### ", t, flags=re.M) + "\n\n")
old = "# Benchmark agreement\n\n" + "".join(old)
lines = old.split("\n")
new_lines = []
for i, l in enumerate(lines):
    if i % 97 == 0 and "30 days" in l:
        l = l.replace("30 days", "45 days", 1)
    if i % 89 == 0 and " may " in l:
        l = l.replace(" may ", " shall ", 1)
    new_lines.append(l)
new = "\n".join(new_lines).replace("## Part 2\n", "## Inserted\n\nA new paragraph inserted near the top.\n\n## Part 2\n", 1)
open(f"{w}/old.md", "w", encoding="utf-8").write(old)
open(f"{w}/new.md", "w", encoding="utf-8").write(new)
PY
size=$(wc -c < "$WORK/old.md")
times=()
for _ in $(seq "$RUNS"); do
  set +e
  /usr/bin/time -f "%e %M" -o "$WORK/t" "$AD" --no-config --format json "$WORK/old.md" "$WORK/new.md" > "$WORK/out.json"
  code=$?
  set -e
  [ "$code" -le 1 ] || { echo "agreement-diff failed with exit $code" >&2; exit 2; }
  times+=("$(tail -n 1 "$WORK/t")")
done
findings=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$WORK/out.json")
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')
read -r secs kb <<< "$median"
echo "1 MB Markdown pair: old $size bytes; $findings findings; median of $RUNS runs: ${secs} s, peak $((kb / 1024)) MB (target: under 0.5 s)"
awk -v s="$secs" 'BEGIN { exit !(s < 0.5) }' || { echo "slower than 0.5 s" >&2; exit 1; }
