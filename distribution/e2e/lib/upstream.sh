# SPDX-License-Identifier: EPL-2.0
# shellcheck shell=bash
# Mosquitto as the akenza stand-in, and the observer that records everything arriving there
# (sourced by distribution/e2e/run; uses the variables set there).

# Password file and ACL: the upstream connector may write only its uplink topics and read only its
# downlink topics, exactly as akenza's uplink-secret connectors; the observer watches everything and
# publishes the downlinks and readiness probes.
write_upstream_config() {
  mkdir -p "$UP_DIR"
  rm -f "$UP_DIR/passwd"
  touch "$UP_DIR/passwd"
  mosquitto_passwd -b "$UP_DIR/passwd" "$UP_CONNECTOR_ID" "$UP_SECRET"
  mosquitto_passwd -b "$UP_DIR/passwd" observer "$OBSERVER_PASSWORD"
  cat >"$UP_DIR/acl" <<ACL
user $UP_CONNECTOR_ID
topic write /up/$UP_SECRET/id/+/#
topic read /down/$UP_SECRET/id/+/#

user observer
topic read #
topic write /down/#
topic write /e2e/#
ACL
  # Persistence keeps the observer's session (and its queued messages) across the outage check's restart.
  cat >"$UP_DIR/mosquitto.conf" <<CONF
user $(id -un)
listener $UP_PORT 127.0.0.1
protocol mqtt
allow_anonymous false
password_file $UP_DIR/passwd
acl_file $UP_DIR/acl
persistence true
persistence_location $UP_DIR/
log_dest file $TARGET/mosquitto.log
log_type all
log_timestamp_format %Y-%m-%dT%H:%M:%S
CONF
}

start_upstream() {
  # Mosquitto writes its log file itself (its standard output would be block-buffered into a file).
  mosquitto -c "$UP_DIR/mosquitto.conf" >>"$TARGET/mosquitto.out" 2>&1 &
  UP_PID=$!
  remember "$UP_PID"
  wait_until 15 port_open "$UP_PORT"
}

stop_upstream() {
  stop_process "$UP_PID" TERM
}

# The observer: a persistent MQTT 5 session (QoS 1) on '#', one line per message:
# topic <TAB> content type <TAB> payload as hex <TAB> payload.
start_observer() {
  mosquitto_sub -V mqttv5 -h 127.0.0.1 -p "$UP_PORT" -u observer -P "$OBSERVER_PASSWORD" \
    -i e2e-observer -c -x 3600 -q 1 -t '#' -F '%t\t%C\t%x\t%p' >>"$UP_LOG" 2>>"$TARGET/observer.err" &
  OBSERVER_PID=$!
  remember "$OBSERVER_PID"
  local probe="/e2e/probe/$RANDOM$RANDOM"
  wait_until 15 probe_seen "$probe"
}

probe_seen() {
  mosquitto_pub -V mqttv5 -h 127.0.0.1 -p "$UP_PORT" -u observer -P "$OBSERVER_PASSWORD" -q 1 -t "$1" -m probe
  grep -qF "$1" "$UP_LOG"
}

stop_observer() {
  stop_process "$OBSERVER_PID" TERM
}

# observer_publish TOPIC PAYLOAD: what akenza does when it sends a downlink.
observer_publish() {
  mosquitto_pub -V mqttv5 -h 127.0.0.1 -p "$UP_PORT" -u observer -P "$OBSERVER_PASSWORD" -q 1 -t "$1" -m "$2"
}

hex() {
  printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n'
}

# upstream_lines TOPIC PAYLOAD_HEX: topic, content type and hex payload of the observer lines with exactly this
# topic and payload (the raw payload, which may hold any byte, is left out).
upstream_lines() {
  awk -F '\t' -v t="$1" -v x="$2" '$1 == t && $3 == x {print $1 "\t" $2 "\t" $3}' "$UP_LOG"
}

upstream_has() {
  [ -n "$(upstream_lines "$1" "$2")" ]
}

# expect_upstream NAME TOPIC CONTENT_TYPE PAYLOAD_HEX: a counted check that the uplink arrived upstream
# on TOPIC with CONTENT_TYPE ('*' = any, '' = none).
expect_upstream() {
  local name=$1 topic=$2 ctype=$3 payload_hex=$4 line seen
  if wait_until "$UPSTREAM_WAIT" upstream_has "$topic" "$payload_hex"; then
    line=$(upstream_lines "$topic" "$payload_hex" | head -n 1)
    seen=$(printf '%s' "$line" | cut -f 2)
    if [ "$ctype" = '*' ] || [ "$seen" = "$ctype" ]; then
      pass "$name"
    else
      fail "$name" "arrived on $topic with content type '$seen', expected '$ctype'"
    fi
  else
    seen=$(awk -F '\t' -v x="$payload_hex" '$3 == x {print $1 " [" $2 "]"}' "$UP_LOG" | mask | head -n 3 | tr '\n' ' ')
    fail "$name" "not upstream on $(printf '%s' "$topic" | mask) within $UPSTREAM_WAIT s${seen:+; seen on: $seen}"
  fi
}

# mask: hide connector secrets in anything the harness prints.
mask() {
  sed -e "s/$UP_SECRET/****/g" -e "s/$LOCAL_SECRET/****/g"
}
