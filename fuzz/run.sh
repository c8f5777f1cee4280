#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer on stable Rust (SanitizerCoverage through stable
# codegen flags; no nightly, no cargo-fuzz) and runs each one.
# Usage: fuzz/run.sh SECONDS          run every target for SECONDS (CI: a short bounded run)
#        fuzz/run.sh --runs N [T...]  run N executions of each target (or of targets T)
# The corpus in fuzz/corpus/<target> is kept and grows; crashes land in fuzz/artifacts/<target>.
set -euo pipefail
cd "$(dirname "$0")"
targets=(token signed_request stream_reader audit_chain json_bodies)
limit=(-max_total_time="${1:-20}")
if [ "${1:-}" = "--runs" ]; then
  limit=(-runs="$2"); shift 2
  [ $# -gt 0 ] && targets=("$@")
fi
export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks"
# An explicit --target keeps these flags off build scripts and proc macros.
host=$(rustc -vV | sed -n 's/^host: //p')
cargo build --release --locked --quiet --target "$host" --target-dir target
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  echo "== $t"
  # -timeout: an input that takes over 10 s is a hang, reported as a failure.
  "target/$host/release/$t" "corpus/$t" -artifact_prefix="artifacts/$t/" -timeout=10 -print_final_stats=1 "${limit[@]}" 2>&1 \
    | grep -E '^(#[0-9]+ +DONE|Done|stat::number_of_executed_units|==[0-9]+==|SUMMARY|.*panicked)' || true
  if [ -n "$(ls -A "artifacts/$t")" ]; then
    echo "fuzz target $t found a failing input: see fuzz/artifacts/$t" >&2
    exit 1
  fi
done
