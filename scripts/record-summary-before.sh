#!/usr/bin/env bash
# Records `summary --json` of a given mlops-dash binary for the demo and the small sample,
# every window kind, the organisation and each team, into
# Tests/MLOpsStoreTests/Fixtures/summary-before/. SummaryUnchangedTests compares the
# current code with these files: the SQL data path must not change a number.
#
#   scripts/record-summary-before.sh /path/to/old/mlops-dash
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$1"
out=Tests/MLOpsStoreTests/Fixtures/summary-before
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
kinds="teams models runs deployments incidents maintenance costs budgets serving"

"$bin" init --db "$work/demo.sqlite" >/dev/null
for k in $kinds; do "$bin" import "$k" "sample-data/$k.csv" --db "$work/demo.sqlite" >/dev/null; done
"$bin" sample --scale small --seed 1 --last-day 2026-11-18 --out "$work/small" >/dev/null
"$bin" init --db "$work/small.sqlite" >/dev/null
for k in $kinds; do "$bin" import "$k" "$work/small/$k.csv" --db "$work/small.sqlite" >/dev/null; done

for store in demo small; do
  case $store in
    demo) now=2026-11-18T09:00:00Z; teams="atlas beacon cobalt delta" ;;
    small) now=2026-11-18T17:00:00Z; teams="$(sqlite3 "$work/small.sqlite" 'SELECT name FROM teams ORDER BY name')" ;;
  esac
  for window in 7d 30d 90d qtd pq 2026-Q3; do
    for subject in organisation $teams; do
      team=(); [ "$subject" = organisation ] || team=(--team "$subject")
      "$bin" summary --db "$work/$store.sqlite" --window "$window" "${team[@]}" --now "$now" --json > "$out/$store-$window-$subject.json"
    done
  done
done
ls "$out" | wc -l
