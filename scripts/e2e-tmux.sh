#!/usr/bin/env bash
# End-to-end: drive the real binary in tmux on the demo store, move the focus with
# Tab, sort with S and a letter, visit every screen, drill into a record, change team
# and window, resize, quit, and check the terminal was restored. Fails with the captured screen when an expectation is not met.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(swift build --show-bin-path)/mlops-dash"
work="$(mktemp -d)"
session="mlops-e2e-$$"
# A tmux server of its own: a server already running elsewhere would not pass on XDG_DATA_HOME.
tm() { tmux -L "$session" "$@"; }
trap 'tm kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/data"
# A private tmux server: a server started elsewhere (another checkout's tests) would run
# the dashboard with its own environment, e.g. another XDG_DATA_HOME.
export TMUX_TMPDIR="$work"

screen() { tm capture-pane -p -t "$session"; }
expect() {  # expect TEXT [timeout-seconds]
  local deadline=$((SECONDS + ${2:-10}))
  until screen | grep -qF -- "$1"; do
    if [ $SECONDS -ge $deadline ]; then
      echo "e2e: expected to see: $1"; echo "---- screen ----"; screen; echo "----------------"; exit 1
    fi
    sleep 0.2
  done
}
keys() { tm send-keys -t "$session" "$@"; sleep 0.3; }

tm new-session -d -s "$session" -x 120 -y 40 "cd '$PWD' && '$bin'; echo \"EXIT=\$?\"; sleep 60"
expect "Needs attention" 60
expect "Open sev-1 assistant-llm"
# Tab moves the focus to the attention list (Enter opens its item) and stays on the screen.
keys Tab; keys Enter; expect "urgency  critical"; keys Escape
expect "Teams ("
keys BTab; keys Enter; expect "atlas: production deployments ("; keys Escape
keys 5; keys S; expect "sort by column: A–E"; expect "A Model"
keys b; expect "sorted by Spend EUR ascending"
keys S; keys Escape; expect "sort cancelled"
keys 1
for n in 2 3 4 5 6 7 8 9; do keys "$n"; done
expect "Records in the store"
keys 2; expect "Production deploys per week"
keys 3; expect "Recurring pain points"
keys 4; expect "Maturity by subject"
keys 5; expect "Spend by model"
keys 6; expect "Models against their objectives"
keys 7; expect "Runs in the window"
keys o; expect "What to do first"
keys Enter; expect "inc-assistant-llm-latency: what changed"
keys Escape
keys 2; keys Enter; expect "production deployments ("
keys Enter; expect "deployed_at"
keys Escape; keys Escape
keys t; expect "Choose team"
keys Down; keys Enter; expect "team atlas · 30d" 15
keys w; keys Down; keys Enter; expect "team atlas · 90d" 15
keys "?"; expect "Ctrl-S"; keys Escape
tm resize-window -t "$session" -x 80 -y 24; sleep 0.5
keys 1; expect "Teams ("
tm resize-window -t "$session" -x 70 -y 20; sleep 0.5
expect "Terminal too small"
tm resize-window -t "$session" -x 200 -y 60; sleep 0.5
expect "Weekly trends"
# Two columns from 160×40: the screen's table and its attention list side by side on one row.
screen | grep -q "Teams (.*Needs attention (" || { echo "e2e: expected two columns at 200x60"; screen; exit 1; }
# Another process imports a team: the dashboard notices within seconds, and the team picker
# (read again only when the store changes) offers the new team.
printf 'name,ml_engineers,platform_engineers\nzeta-e2e,3,1\n' > "$work/teams.csv"
"$bin" import teams "$work/teams.csv" --db "$XDG_DATA_HOME/mlops-dash/demo.sqlite" >/dev/null
expect "refreshed: the store changed" 10
keys t; expect "zeta-e2e"; keys Escape
keys q
expect "EXIT=0" 10
# The terminal is back in normal mode: a shell prompt's output, no alternate screen.
[ "$(tm display-message -p -t "$session" '#{alternate_on}')" = "0" ] || { echo "e2e: alternate screen still on"; exit 1; }
echo "e2e: 1 passed, 0 failed"
