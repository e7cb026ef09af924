#!/usr/bin/env bash
# End-to-end: the terminal is handed back intact however the dashboard ends, Ctrl-S
# reaches it, and hostile names cannot drive it. In tmux on the demo store:
#  1. Ctrl-S saves the screen to a file (flow control is off, so the display does not freeze)
#     and the dashboard still answers keys afterwards.
#  2. SIGHUP (terminal window closed, ssh dropped), SIGTERM, SIGINT and SIGQUIT each end it
#     with 128 + the signal, the alternate screen off, the cursor visible, and the tty back
#     in the shell's mode (echo, canonical input, flow control as before).
#     Input that has ended (stdin /dev/null, a closed pty) ends it the same way, exit 129.
#  3. On a store whose names hold an OSC 2 window title, a ZWJ family emoji and a flag,
#     the title is unchanged, the sequence shows as ␛]2;…␇, and every row ends at its border.
# Fails with the captured screen when an expectation is not met.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(swift build --show-bin-path)/mlops-dash"
work="$(mktemp -d)"
runs=0
session="mlops-signals-$$-0"
trap 'tmux kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/data"
# A private tmux server: a server started elsewhere (another checkout's tests) would run
# the dashboard with its own environment, e.g. another XDG_DATA_HOME.
export TMUX_TMPDIR="$work"
mkdir -p "$work/cwd"

screen() { tmux capture-pane -p -t "$session"; }
fail() { echo "e2e-signals: $1"; echo "---- screen ----"; screen; echo "----------------"; exit 1; }
expect() {  # expect TEXT [timeout-seconds]
  local deadline=$((SECONDS + ${2:-10}))
  until screen | grep -qF -- "$1"; do
    [ $SECONDS -ge $deadline ] && fail "expected to see: $1"
    sleep 0.2
  done
}
# Names the next session; the previous one is killed once the next exists.
new_session() { previous="$session"; runs=$((runs + 1)); session="mlops-signals-$$-$runs"; }
retire() { [ "$previous" != "$session" ] && tmux kill-session -t "$previous" 2>/dev/null || true; }
keys() { tmux send-keys -t "$session" "$@"; sleep 0.3; }
pane() { tmux display-message -p -t "$session" "$1"; }

# Each run: a shell in the pane records the tty mode, runs the dashboard in the foreground
# (its pid written first, then exec'd, so the pid is the dashboard's), then prints its
# exit status and the tty mode again, so the script can compare them.
start() {
  # The next session starts before the last one ends, so the private server never exits
  # between runs (a client can reach a server that is shutting down).
  new_session
  rm -f "$work/pid"
  tmux new-session -d -s "$session" -x 120 -y 40 \
    "cd '$work/cwd' && stty -a > '$work/stty-before'; sh -c 'echo \$\$ > \"$work/pid\"; exec \"$bin\"'; echo \"EXIT=\$?\"; stty -a > '$work/stty-after'; sleep 60"
  retire
  expect "Needs attention" 60
}
modes() { tr ' ;' '\n\n' < "$1" | grep -E '^-?(ixon|icanon|echo|isig)$' | sort | tr '\n' ' '; }

# 1. Ctrl-S saves the screen; the app keeps answering.
start
[ "$(pane '#{alternate_on}')" = "1" ] || fail "the dashboard is not on the alternate screen"
keys C-s
expect "saved screen to" 5
ls "$work/cwd"/mlops-dash-*.txt >/dev/null 2>&1 || fail "Ctrl-S wrote no screen file"
grep -qF "Needs attention" "$work/cwd"/mlops-dash-*.txt || fail "the saved screen does not hold the dashboard"
# A second save, even within the same second, keeps the first.
keys C-s
[ "$(ls "$work/cwd"/mlops-dash-*.txt | wc -l)" -eq 2 ] || fail "a second Ctrl-S did not leave two screen files"
keys 2; expect "Production deploys per week"
keys q; expect "EXIT=0" 10

# 2. Every ending signal restores the terminal.
passed=1
for sig in HUP TERM INT QUIT; do
  start
  case $sig in HUP) code=129;; INT) code=130;; QUIT) code=131;; TERM) code=143;; esac
  kill -s "$sig" "$(cat "$work/pid")"
  expect "EXIT=$code" 10
  [ "$(pane '#{alternate_on}')" = "0" ] || fail "SIG$sig: alternate screen still on"
  [ "$(pane '#{cursor_flag}')" = "1" ] || fail "SIG$sig: cursor still hidden"
  for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$work/stty-after" ] && break; sleep 0.2; done
  [ "$(modes "$work/stty-before")" = "$(modes "$work/stty-after")" ] ||
    fail "SIG$sig: tty modes not restored: before $(modes "$work/stty-before"), after $(modes "$work/stty-after")"
  rm -f "$work/stty-after"
  passed=$((passed + 1))
done
# 2b. Input that has ended (here stdin is /dev/null; a closed pty is the same) ends it like a
#     hang-up, with a word on stderr, instead of spinning a core on an input that stays readable.
new_session
tmux new-session -d -s "$session" -x 120 -y 40 "cd '$work/cwd' && '$bin' < /dev/null; echo \"EXIT=\$?\"; sleep 60"
retire
expect "EXIT=129" 30
expect "the terminal's input has closed"
[ "$(pane '#{alternate_on}')" = "0" ] || fail "closed input: alternate screen still on"
passed=$((passed + 1))
# 3. Hostile names: the demo's files with an escape sequence and joined emoji in names.
esc=$'\e'; bel=$'\a'
family=$(printf '\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7\xe2\x80\x8d\xf0\x9f\x91\xa6')
flag=$(printf '\xf0\x9f\x87\xaf\xf0\x9f\x87\xb5')
"$bin" sample --out "$work/hostile" >/dev/null
sed -i "s/atlas/atlas${esc}]2;PWNED${bel}/g; s/search-ranker/${family}-ranker/g; s/fraud-score/${flag}-score/g" "$work/hostile"/*.csv
anchor=$(sed -n 's/.*"anchor" *: *"\([0-9-]*\)".*/\1/p' "$work/hostile/demo.json")
"$bin" init --db "$work/hostile.sqlite" >/dev/null
for kind in teams models runs deployments incidents maintenance costs budgets serving; do
  "$bin" import "$kind" "$work/hostile/$kind.csv" --db "$work/hostile.sqlite" >/dev/null
done
new_session
tmux new-session -d -s "$session" -x 100 -y 30 \
  "cd '$work/cwd' && '$bin' --db '$work/hostile.sqlite' --now '${anchor}T09:00:00Z' --screen 5; echo \"EXIT=\$?\"; sleep 60"
retire
expect "-ranker" 30
tmux select-pane -t "$session" -T "e2e-title"
for screen_key in 5 8 1 4; do
  keys "$screen_key"; sleep 0.5
  if screen | grep -q $'\xe2\x80\x8d'; then fail "screen $screen_key: a zero-width joiner reached the terminal"; fi
  misaligned=$(screen | grep '^│' | grep -v '│$' || true)
  [ -z "$misaligned" ] || fail "screen $screen_key: rows pushed past their border: $misaligned"
done
expect "atlas␛]2;PWNED␇"
[ "$(pane '#{pane_title}')" = "e2e-title" ] || fail "a name changed the window title to $(pane '#{pane_title}')"
keys q; expect "EXIT=0" 10
passed=$((passed + 1))
echo "e2e-signals: $passed passed, 0 failed"
