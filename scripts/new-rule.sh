#!/usr/bin/env bash
# Scaffold a new rule: its catalogue entry in src/rules.rs, a fixture pair in
# tests/rules/ID/, a regenerated docs/rules.md, and a pending snapshot.
#
#   scripts/new-rule.sh efforts-weakened [MATERIALITY] [FAMILY]
#
# MATERIALITY: commercial | substantive (default) | clarification | administrative
# FAMILY: one of the Family names in src/rules.rs, lowercase (default: wording)
#
# Then: write the title, favours, mirror and explanation in src/rules.rs;
# make tests/rules/ID/{old,new}.yaml show the change; emit the rule from
# src/classify/ (Rule::YourRule); run `cargo test --test rules ID` and review
# the snapshot (cargo insta review, or read tests/snapshots/rules__ID.snap.new
# and rename it to .snap); regenerate docs with
# `cargo run -- rules --markdown > docs/rules.md`. See docs/adding.md.
set -euo pipefail
cd "$(dirname "$0")/.."
id="${1:-}"
materiality="${2:-substantive}"
family="${3:-wording}"
if ! [[ "$id" =~ ^[a-z]+(-[a-z]+)+$ ]]; then
  echo "usage: scripts/new-rule.sh ID [MATERIALITY] [FAMILY]; ID is kebab-case, e.g. efforts-weakened" >&2
  exit 2
fi
case "$materiality" in commercial|substantive|clarification|administrative) ;; *)
  echo "new-rule: materiality must be commercial, substantive, clarification or administrative" >&2; exit 2;;
esac
if grep -q "= \"$id\" {" src/rules.rs; then
  echo "new-rule: $id is already in src/rules.rs" >&2
  exit 2
fi
cap() { local s="$1"; printf '%s' "$(tr '[:lower:]' '[:upper:]' <<< "${s:0:1}")${s:1}"; }
name=""
IFS='-' read -ra parts <<< "$id"
for p in "${parts[@]}"; do name+="$(cap "$p")"; done
family_variant="$(cap "$family")"
if ! grep -q "^    $family_variant,$" src/rules.rs; then
  echo "new-rule: no family '$family' in src/rules.rs (enum Family)" >&2
  exit 2
fi
marker='    // new rules go above this line (scripts/new-rule.sh)'
entry="    $name = \"$id\" {
        materiality: $(cap "$materiality"),
        family: $family_variant,
        title: \"TODO: a one-line title\",
        favours: \"TODO: who the finding favours, in words\",
        mirror: None,
        explanation: \"TODO: what the rule finds, and why it matters.\",
    }"
python3 - "$marker" "$entry" <<'PY'
import sys
marker, entry = sys.argv[1], sys.argv[2]
p = 'src/rules.rs'
s = open(p, encoding='utf-8').read()
if marker not in s:
    sys.exit('new-rule: the end marker is missing from src/rules.rs')
open(p, 'w', encoding='utf-8').write(s.replace(marker, entry + '\n' + marker, 1))
PY
mkdir -p "tests/rules/$id"
for side in old new; do
  cat > "tests/rules/$id/$side.yaml" <<YAML
# Fixture for $id ($side version): edit so that old → new shows the change.
agreement: fixture-$id
version: "$side"
parties:
  acme: {name: Acme Corp., short: Acme}
  beta: {name: Beta LLC, short: Beta}
clauses:
  - id: example
    title: Example clause
    text: Acme shall deliver the reports to Beta.
YAML
done
echo "new-rule: added Rule::$name ($id) to src/rules.rs and tests/rules/$id/{old,new}.yaml" >&2
if command -v cargo >/dev/null 2>&1; then
  cargo run --quiet -- rules --markdown > docs/rules.md
  INSTA_UPDATE=new cargo test --quiet --test rules -- "$id" >/dev/null 2>&1 || true
  echo "new-rule: regenerated docs/rules.md; the test for $id fails until the fixture triggers the rule" >&2
fi
