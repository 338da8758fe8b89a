#!/usr/bin/env bash
# Run the fuzz target for a given time: fuzz/run.sh [SECONDS] (default 60).
# Needs cargo-fuzz (cargo install cargo-fuzz). cargo-fuzz needs nightly
# features; on a stable toolchain RUSTC_BOOTSTRAP=1 enables them.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
mkdir -p fuzz/corpus/load_and_compare
export RUSTC_BOOTSTRAP="${RUSTC_BOOTSTRAP:-1}"
exec cargo fuzz run load_and_compare fuzz/corpus/load_and_compare fuzz/seeds -- \
  -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
