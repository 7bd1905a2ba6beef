# SPDX-License-Identifier: EPL-2.0
# shellcheck shell=bash
# Counting, bounded waiting and process bookkeeping for distribution/e2e/run (sourced, not run).

PASSED=0
FAILED=0
LAST_OK=true
FAILED_NAMES=()
STARTED_PIDS=()

# phase TITLE: a section header with the time elapsed so far (to see where a slow run spends it).
phase() {
  echo "--- $1 [${SECONDS} s]"
}

pass() {
  PASSED=$((PASSED + 1))
  echo "PASS $1"
}

# fail NAME [WHY]
fail() {
  FAILED=$((FAILED + 1))
  FAILED_NAMES+=("$1")
  echo "FAIL $1${2:+: $2}"
}

# check NAME COMMAND...: one counted check that passes when COMMAND exits 0. COMMAND runs in this shell
# (variables it sets and processes it starts stay visible); its output is kept for the failure message.
# Sets LAST_OK=true|false so that dependent checks need not wait for what cannot come.
check() {
  local name=$1 out=$TARGET/.check.out
  shift
  if "$@" >"$out" 2>&1; then
    LAST_OK=true
    pass "$name"
  else
    # shellcheck disable=SC2034 # LAST_OK is read by the scripts that source this file
    LAST_OK=false
    fail "$name" "$(tail -n 3 "$out" | mask | tr '\n' ' ')"
  fi
}

# wait_until SECONDS COMMAND...: polls COMMAND until it succeeds; fails once the deadline has passed.
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      return 1
    fi
    sleep 0.2
  done
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

process_gone() {
  ! kill -0 "$1" 2>/dev/null
}

# remember PID: killed by cleanup if still running at exit.
remember() {
  STARTED_PIDS+=("$1")
}

# stop_process PID [SIGNAL]: signal it and wait (bounded) until it is gone; SIGKILL after 20 s.
# Standard error is silenced while waiting: bash reports a job killed by a signal there when it reaps it.
stop_process() {
  local pid=$1 signal=${2:-TERM} stopped=true
  kill -0 "$pid" 2>/dev/null || return 0
  {
    kill -"$signal" "$pid" || true
    wait_until 20 process_gone "$pid" || stopped=false
  } 2>/dev/null
  if ! $stopped; then
    echo "process $pid ignored SIG$signal for 20 s: killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  { wait "$pid"; } 2>/dev/null || true
}

cleanup() {
  local pid
  {
    if [ -n "${WATCHDOG_PID:-}" ]; then
      pkill -P "$WATCHDOG_PID" sleep || true # its sleep, by parent id; the watchdog then ends by itself
      wait "$WATCHDOG_PID" || true
    fi
    for pid in "${STARTED_PIDS[@]}"; do
      if kill -0 "$pid"; then kill -TERM "$pid" || true; fi
    done
    for pid in "${STARTED_PIDS[@]}"; do
      wait_until 20 process_gone "$pid" || kill -KILL "$pid" || true
      wait "$pid" || true # reap it here, where bash's "Terminated" notice goes to /dev/null
    done
  } 2>/dev/null
  return 0
}

summary() {
  echo
  echo "$PASSED passed, $FAILED failed"
  local name
  for name in "${FAILED_NAMES[@]}"; do
    echo "  failed: $name"
  done
  ((FAILED == 0))
}
