# SPDX-License-Identifier: EPL-2.0
# shellcheck shell=bash
# The Markdown report of distribution/bench/run, built from the load generator's RESULT lines in
# target/run-<run>-<broker>.txt (sourced by run; uses TARGET, RUNS, JAR and the *_JAVA_OPTS set there).

# val FILE KIND QOS KEY: the value of KEY in the first 'RESULT KIND' line of FILE (with qos=QOS unless QOS
# is empty); nothing when absent.
val() {
  [ -f "$1" ] || return 0
  awk -v k="$2" -v q="$3" -v key="$4" '
    $1 == "RESULT" && $2 == k {
      ok = 1; v = ""
      for (i = 3; i <= NF; i++) {
        split($i, a, "=")
        if (a[1] == "qos" && q != "" && a[2] != q) ok = 0
        if (a[1] == key) v = a[2]
      }
      if (ok && v != "") { print v; exit }
    }' "$1"
}

# cell FILE KIND QOS KEY DIVISOR: the value divided by DIVISOR (kB -> MiB), or n/a.
cell() {
  local v
  v=$(val "$1" "$2" "$3" "$4")
  if [ -z "$v" ] || [ "$v" = "-1" ]; then
    echo "n/a"
  elif [ "$5" = 1 ]; then
    echo "$v"
  else
    awk -v v="$v" -v d="$5" 'BEGIN { printf "%.1f", v / d }'
  fi
}

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else printf "n/a"
  }'
}

# row LABEL KIND QOS KEY DIVISOR: one table line, every run of both brokers and the ratio per run.
row() {
  local label=$1 run line ratios="" a m
  line="| $label |"
  for ((run = 1; run <= RUNS; run++)); do
    line+=" $(cell "$TARGET/run-$run-akenza.txt" "$2" "$3" "$4" "$5") |"
  done
  for ((run = 1; run <= RUNS; run++)); do
    line+=" $(cell "$TARGET/run-$run-mosquitto.txt" "$2" "$3" "$4" "$5") |"
  done
  for ((run = 1; run <= RUNS; run++)); do
    a=$(cell "$TARGET/run-$run-akenza.txt" "$2" "$3" "$4" "$5")
    m=$(cell "$TARGET/run-$run-mosquitto.txt" "$2" "$3" "$4" "$5")
    ratios+=" **$(ratio "$a" "$m")** |"
  done
  echo "$line$ratios"
}

# loadavg_row: the machine's 1-minute load average as each run started (2 cores: above ~0.5 means someone
# else was busy too).
loadavg_row() {
  local line="| load average when the run started |" run broker
  for broker in akenza mosquitto; do
    for ((run = 1; run <= RUNS; run++)); do
      line+=" $(cat "$TARGET/loadavg-$run-$broker.txt" 2>/dev/null || echo n/a) |"
    done
  done
  for ((run = 1; run <= RUNS; run++)); do line+="  |"; done
  echo "$line"
}

# incomplete: phases where a message or connection went missing (a broker dropped, refused or stalled).
incomplete() {
  local file
  for file in "$TARGET"/run-*.txt; do
    [ -f "$file" ] || continue
    awk -v f="$(basename "$file" .txt)" '
      $1 == "RESULT" {
        delete kv
        for (i = 3; i <= NF; i++) { split($i, a, "="); kv[a[1]] = a[2] }
        if ($2 == "connections" && (kv["connected"] != kv["clients"]))
          printf "- %s: %s of %s clients connected\n", f, kv["connected"], kv["clients"]
        if (($2 == "throughput" || $2 == "latency") && (kv["received"] != kv["messages"] || kv["errors"] != 0))
          printf "- %s: %s QoS %s: %s of %s messages received, %s publish errors%s\n", f, $2, kv["qos"],
            kv["received"], kv["messages"], kv["errors"],
            ("written_off" in kv) ? ", " kv["written_off"] " written off after 1 s (window refilled)" : ""
      }' "$file"
    grep -q '^RESULT connections' "$file" || echo "- $(basename "$file" .txt): no results (see loadgen-*.err)"
  done
}

write_report() {
  local first=$TARGET/run-1-akenza.txt run header="| measurement |" sep="|---|"
  for ((run = 1; run <= RUNS; run++)); do header+=" akenza $run |"; sep+="---:|"; done
  for ((run = 1; run <= RUNS; run++)); do header+=" Mosquitto $run |"; sep+="---:|"; done
  for ((run = 1; run <= RUNS; run++)); do header+=" akenza/Mosquitto $run |"; sep+="---:|"; done

  local commit cpu mem jdk mosq pubs msgs size window rate rate_msgs
  commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')
  cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
  mem=$(awk '/MemTotal/ {printf "%d MiB", $2 / 1024}' /proc/meminfo)
  jdk=$(java -version 2>&1 | head -n 1)
  mosq=$("$MOSQUITTO" -h 2>/dev/null | head -n 1 || true) # mosquitto -h exits with 3
  pubs=$(val "$first" throughput 0 publishers)
  msgs=$(val "$first" throughput 0 messages)
  size=$(val "$first" throughput 0 size)
  window=$(val "$first" throughput 0 window)
  rate=$(val "$first" latency 0 rate)
  rate_msgs=$(val "$first" latency 0 messages)
  cat <<REPORT
# akenza Edge vs Mosquitto

$(date -u +%FT%TZ), checkout at commit $commit, jar \`$JAR\`.
Machine: $(nproc) cores ($cpu), $mem RAM; $jdk; $mosq.
Gateway JVM: \`java $GATEWAY_JAVA_OPTS -jar\` (default collector); load generator: \`java $LOADGEN_JAVA_OPTS\`,
HiveMQ MQTT client (MQTT 3.1.1), one process on the same cores as the broker under test.
Both brokers on 127.0.0.1 without TLS, anonymous clients allowed everything; akenza Edge's forwarder off.
Each run starts the broker afresh: memory first, then throughput, then latency.

Throughput: $pubs publishers -> 1 subscriber (one topic per publisher, the subscriber on the parent \`#\`),
$msgs messages of $size bytes, at most $window in flight (closed loop: the rate is the broker's; latency
under this load is mostly queueing, about window / rate). Latency: the same set-up at a fixed $rate msg/s
($rate_msgs messages), timed from the scheduled send time.
Memory: VmRSS of the broker process (the whole gateway JVM for akenza Edge) once settled (within 1 % over
2 s); for the JVM the idle and with-clients readings follow a full GC (\`jcmd <pid> GC.run\`), so that their
difference is what the clients hold, not where the heap's sizing happened to be.

REPORT
  echo "$header"
  echo "$sep"
  row "QoS 0 throughput (msg/s, higher is better)" throughput 0 rate 1
  row "QoS 0 under load: p50 latency (µs)" throughput 0 p50_us 1
  row "QoS 0 under load: p99 latency (µs)" throughput 0 p99_us 1
  row "QoS 1 throughput (msg/s, higher is better)" throughput 1 rate 1
  row "QoS 1 under load: p50 latency (µs)" throughput 1 p50_us 1
  row "QoS 1 under load: p99 latency (µs)" throughput 1 p99_us 1
  row "QoS 0 at fixed rate: p50 latency (µs)" latency 0 p50_us 1
  row "QoS 0 at fixed rate: p99 latency (µs)" latency 0 p99_us 1
  row "QoS 1 at fixed rate: p50 latency (µs)" latency 1 p50_us 1
  row "QoS 1 at fixed rate: p99 latency (µs)" latency 1 p99_us 1
  row "RSS idle after start (MiB)" connections "" rss_start_kb 1024
  row "RSS idle, JVM after a full GC (MiB)" connections "" rss_idle_kb 1024
  row "RSS with $(val "$first" connections "" clients) idle clients, JVM after a full GC (MiB)" \
    connections "" rss_clients_kb 1024
  row "RSS per 1000 idle clients (MiB)" connections "" delta_kb_per_1000 1024
  loadavg_row
  echo
  echo "Ratios are akenza/Mosquitto per run: above 1 is better for throughput, below 1 is better for latency"
  echo "and memory."
  local missing
  missing=$(incomplete)
  echo
  if [ -n "$missing" ]; then
    echo "Incomplete phases (numbers above are from what arrived):"
    echo "$missing"
  else
    echo "Every message arrived and every client connected in every phase."
  fi
}
