# SPDX-License-Identifier: EPL-2.0
# shellcheck shell=bash
# The Markdown report of distribution/bench/e2e, built from the RESULT lines in target/e2e/run-<run>-<system>.txt
# (sourced by e2e; uses TARGET, RUNS, LOADS, JAR and the settings set there).

# e2e_val FILE KIND FILTER KEY: the value of KEY in the first 'RESULT KIND' line of FILE that has FILTER
# (key=value) among its fields; nothing when absent.
e2e_val() {
  [ -f "$1" ] || return 0
  awk -v k="$2" -v f="$3" -v key="$4" '
    $1 == "RESULT" && $2 == k {
      ok = 0; v = ""
      for (i = 3; i <= NF; i++) {
        if ($i == f) ok = 1
        split($i, a, "=")
        if (a[1] == key) v = a[2]
      }
      if (ok && v != "") { print v; exit }
    }' "$1"
}

e2e_ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else printf "n/a"
  }'
}

# e2e_row LABEL KIND FILTER KEY: every run of both systems and the ratio akenza/bridge per run.
e2e_row() {
  local line="| $1 |" ratios="" run a b
  for system in akenza bridge; do
    for ((run = 1; run <= RUNS; run++)); do
      a=$(e2e_val "$TARGET/run-$run-$system.txt" "$2" "$3" "$4")
      line+=" ${a:-n/a} |"
    done
  done
  for ((run = 1; run <= RUNS; run++)); do
    a=$(e2e_val "$TARGET/run-$run-akenza.txt" "$2" "$3" "$4")
    b=$(e2e_val "$TARGET/run-$run-bridge.txt" "$2" "$3" "$4")
    ratios+=" **$(e2e_ratio "$a" "$b")** |"
  done
  echo "$line$ratios"
}

write_e2e_report() {
  local run header="| measurement |" sep="|---|" spec commit
  for system in akenza bridge; do
    for ((run = 1; run <= RUNS; run++)); do header+=" $system $run |"; sep+="---:|"; done
  done
  for ((run = 1; run <= RUNS; run++)); do header+=" akenza/bridge $run |"; sep+="---:|"; done
  commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')
  cat <<REPORT
# akenza Edge end to end vs a Mosquitto bridge

$(date -u +%FT%TZ), checkout at commit $commit, jar \`$JAR\`.
Machine: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)); $(java -version 2>&1 | head -n 1);
$(mosquitto -h 2>/dev/null | head -n 1 || true).
akenza Edge: \`java $GATEWAY_JAVA_OPTS -jar\`, uplink-secret devices, durable buffer with \`buffer.fsync=true\`,
forwarder (MQTT 5, QoS 1) to the upstream. Bridge: a local Mosquitto (password file) bridging \`/up/#\` out at
QoS 1 (MQTT 3.1.1) to the upstream, in memory. Upstream: Mosquitto, \`max_queued_messages\` 10,000,000 on
every Mosquitto. Load: E2eLoad.java (HiveMQ MQTT client, MQTT 3.1.1 devices), $SIZE-byte QoS 1 uplinks,
$INFLIGHT in flight per device, one subscriber (QoS 1) at the upstream counting unique arrivals; msg/s =
unique arrivals / (last arrival - first send); latency from send to arrival upstream.
Idle: CPU-seconds (utime + stime from /proc/<pid>/stat) of the edge process over $IDLE_SECONDS s.
Warm-up: \`${WARMUP:-none}\` repeated until the edge's CPU per 1,000 messages settles (three loads in a row
within $WARMUP_SETTLED_PCT % of each other, at most $WARMUP_MAX loads); the first of them, right after the start, is
on the "cold" rows; the other loads are measured after the warm-up.

REPORT
  echo "$header"
  echo "$sep"
  if [[ -n "$WARMUP" ]]; then
    e2e_row "cold, first $WARMUP after start: end to end (msg/s, higher is better)" e2e "load=cold" rate
    e2e_row "cold, first $WARMUP after start: p99 latency (ms)" e2e "load=cold" p99_ms
    e2e_row "cold, first $WARMUP after start: lost" e2e "load=cold" lost
    e2e_row "cold, first $WARMUP after start: edge CPU per 1,000 messages (ms)" e2e "load=cold" cpu_ms_per_1000
    e2e_row "warm-up: loads of $WARMUP until the edge's CPU per message settled" warmup "spec=$WARMUP" loads
  fi
  for spec in $LOADS; do
    e2e_row "$spec: end to end (msg/s, higher is better)" e2e "load=$spec" rate
    e2e_row "$spec: p50 latency (ms)" e2e "load=$spec" p50_ms
    e2e_row "$spec: p99 latency (ms)" e2e "load=$spec" p99_ms
    e2e_row "$spec: lost (acknowledged to the device, never arrived)" e2e "load=$spec" lost
    e2e_row "$spec: not acknowledged (refused or connection closed; the device resends)" e2e "load=$spec" unacknowledged
    e2e_row "$spec: devices' publishes acknowledged (msg/s)" e2e "load=$spec" ack_rate
    e2e_row "$spec: edge CPU per 1,000 messages (ms, lower is better)" e2e "load=$spec" cpu_ms_per_1000
  done
  if ((BACKLOG > 0)); then
    e2e_row "backlog of $BACKLOG: drain (msg/s; the bridge has none)" backlog "jwt=false" drain_rate
    e2e_row "backlog of $BACKLOG: devices' publishes acknowledged while filling (msg/s)" backlog "jwt=false" ack_rate
    e2e_row "backlog of $BACKLOG: heap used after a full GC before the fill (MiB)" backlog "jwt=false" heap_gc_before_mb
    e2e_row "backlog of $BACKLOG: heap used after a full GC, backlog buffered (MiB)" backlog "jwt=false" heap_gc_filled_mb
    e2e_row "backlog of $BACKLOG: heap used during the drain, highest sample (MiB)" backlog "jwt=false" heap_max_mb
    e2e_row "backlog of $BACKLOG: old generation during the drain, highest sample (MiB)" backlog "jwt=false" old_max_mb
    e2e_row "backlog of $BACKLOG: heap used after a full GC, drained (MiB)" backlog "jwt=false" heap_gc_drained_mb
    e2e_row "backlog of $BACKLOG: lost" backlog "jwt=false" lost
  fi
  if ((IDLE_SECONDS > 0)); then
    for state in connected drained disabled unreachable; do
      e2e_row "idle, $state (CPU-s per $IDLE_SECONDS s, lower is better)" idle "state=$state" cpu_s
    done
  fi
  echo
  echo "States: connected = forwarder/bridge connected, nothing to send; drained = after the load, backlog empty;"
  echo "disabled = forwarder enabled=false (Mosquitto has no such switch: n/a); unreachable = upstream stopped,"
  echo "reconnecting with backoff. Ratios are akenza/bridge per run: above 1 is better for msg/s, below 1 for"
  echo "latency and CPU."
}
