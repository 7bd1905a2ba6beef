# SPDX-License-Identifier: EPL-2.0
# shellcheck shell=bash
# The standalone runtime under test: its configuration, device keys, start and stop
# (sourced by distribution/e2e/run; uses the variables set there).

# Configuration written before the first start, as an operator would: conf/<pid>.cfg per component and the
# console password. Property names are those of the components' metatype.
write_gateway_config() {
  mkdir -p "$CONF" "$DATA/devices"
  printf 'username=admin\npassword=%s\n' "$CONSOLE_PASSWORD" >"$CONF/console.properties"
  cat >"$CONF/akenza.edge.broker.MqttBroker.cfg" <<CFG
tcp.port=$GW_PORT
tls.port=$GW_TLS_PORT
bind.address=127.0.0.1
anonymous.allowed=false
max.connections=1000
CFG
  cat >"$CONF/akenza.edge.credentials.DeviceCredentials.cfg" <<CFG
connector.1.id=$LOCAL_CONNECTOR_ID
connector.1.secret=$LOCAL_SECRET
connector.1.devices=
CFG
  cat >"$CONF/akenza.edge.topics.TopicPolicy.cfg" <<CFG
default.topic=default
subtopic.separator=_
CFG
  cat >"$CONF/akenza.edge.uplink.Forwarder.cfg" <<CFG
enabled=true
host=127.0.0.1
port=$UP_PORT
tls=false
protocol=5
connector.id=$UP_CONNECTOR_ID
connector.secret=$UP_SECRET
client.id=$GW_CLIENT_ID
downlinks.enabled=true
reconnect.min=1
reconnect.max=2
status.interval=0
CFG
}

# Device keys made with akenza's openssl commands; the certificates are registered as
# data/devices/<deviceId>.pem (jwt.keys.dir's default).
make_device_keys() {
  mkdir -p "$KEYS"
  (
    cd "$KEYS" || exit
    openssl ecparam -genkey -name prime256v1 -noout -out ec_private.pem
    openssl req -x509 -new -key ec_private.pem -out ec_cert.pem -subj "/CN=$DEV_ES256"
    openssl req -x509 -nodes -newkey rsa:2048 -keyout rsa_private.pem -out rsa_cert.pem -subj "/CN=$DEV_RS256"
    # Never registered: tokens it signs must be refused.
    openssl ecparam -genkey -name prime256v1 -noout -out forged_private.pem
  ) >>"$TARGET/openssl.log" 2>&1
  cp "$KEYS/ec_cert.pem" "$DATA/devices/$DEV_ES256.pem"
  cp "$KEYS/rsa_cert.pem" "$DATA/devices/$DEV_RS256.pem"
}

# The jar is run from a copy with a name of its own, so that nobody's 'pkill -f akenza-edge.jar' on this
# shared machine stops the gateway under test.
start_gateway() {
  echo "=== gateway start $(date -u +%FT%TZ)" >>"$GW_LOG"
  [ -f "$WORK/e2e-gateway.jar" ] || cp "$JAR" "$WORK/e2e-gateway.jar"
  java -jar "$WORK/e2e-gateway.jar" --conf "$CONF" --data "$DATA" --console-port "$CONSOLE_PORT" </dev/null >>"$GW_LOG" 2>&1 &
  GW_PID=$!
  remember "$GW_PID"
}

# gateway_ready: both broker ports accept connections (90 s at most; at once a failure when the JVM exited).
gateway_ready() {
  local deadline=$((SECONDS + 90))
  until port_open "$GW_PORT" && port_open "$GW_TLS_PORT"; do
    if ! kill -0 "$GW_PID" 2>/dev/null; then
      echo "the gateway exited: $(tail -n 3 "$GW_LOG")"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "the broker does not listen on 127.0.0.1:$GW_PORT and :$GW_TLS_PORT after 90 s"
      return 1
    fi
    sleep 0.2
  done
}

# upstream_connections: how often the forwarder has connected to Mosquitto so far.
upstream_connections() {
  grep -c "New client connected .* as $GW_CLIENT_ID " "$TARGET/mosquitto.log" || true
}

upstream_connected_after() {
  (($(upstream_connections) > $1))
}

# The host name to reach the TLS listener by: one the self-signed certificate names.
tls_host() {
  local san
  san=$(openssl x509 -in "$DATA/tls/broker-cert.pem" -noout -ext subjectAltName 2>/dev/null || true)
  if [[ "$san" == *"IP Address:127.0.0.1"* ]]; then
    echo 127.0.0.1
  elif [[ "$san" == *"DNS:localhost"* ]]; then
    echo localhost
  else
    echo 127.0.0.1
  fi
}

# snapshot_conf LABEL: keeps a copy of conf/*.cfg as target/conf-LABEL, to see afterwards when (and by
# what: the console's Save is written back to the file with every field) a configuration changed.
snapshot_conf() {
  mkdir -p "$TARGET/conf-$1"
  cp "$CONF"/*.cfg "$TARGET/conf-$1/"
}
