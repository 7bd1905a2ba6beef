# SPDX-License-Identifier: EPL-2.0
"""akenza's MQTT v5 example shape: paho's Client, optionally MQTT 5 with a ContentType property.

Also used for bursts: --count N publishes N QoS 1 messages whose payload is --payload with {n} replaced by
1..N, in order, each awaited (the gateway acknowledges only what is durably stored).
Exit status 0 = connected and every message acknowledged with success.
"""
import argparse
import ssl
import sys
import threading

import paho.mqtt.client as mqtt_client
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

parser = argparse.ArgumentParser()
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=1883)
parser.add_argument("--topic", required=True)
parser.add_argument("--username", required=True)
parser.add_argument("--password", required=True)
parser.add_argument("--client-id", default="")
parser.add_argument("--payload", default='{"foo":"bar"}')
parser.add_argument("--payload-hex", help="binary payload given as hex (for application/octet-stream)")
parser.add_argument("--content-type", help="MQTT 5 ContentType property")
parser.add_argument("--mqtt5", action="store_true")
parser.add_argument("--count", type=int, default=1)
parser.add_argument("--ca", help="TLS, verifying the gateway's certificate against this PEM file")
parser.add_argument("--timeout", type=float, default=15.0)
args = parser.parse_args()

protocol = mqtt_client.MQTTv5 if args.mqtt5 else mqtt_client.MQTTv311
connected = threading.Event()
outcome = {}


def on_connect(client, userdata, flags, rc, properties=None):
    outcome["connack"] = str(rc)
    ok = getattr(rc, "value", rc) == 0  # an int for MQTT 3.1.1, a ReasonCodes for MQTT 5
    outcome["ok"] = ok
    connected.set()


def on_disconnect(client, userdata, rc, properties=None):
    if not connected.is_set():
        outcome.setdefault("connack", "connection closed without CONNACK ({0})".format(rc))
        outcome["ok"] = False
        connected.set()


client = mqtt_client.Client(args.client_id, protocol=protocol)
client.username_pw_set(args.username, args.password)
client.on_connect = on_connect
client.on_disconnect = on_disconnect
if args.ca:
    client.tls_set(ca_certs=args.ca, cert_reqs=ssl.CERT_REQUIRED, tls_version=ssl.PROTOCOL_TLSv1_2)
client.reconnect_delay_set(60, 60)  # a refused connection must not be retried behind our back
try:
    client.connect(args.host, args.port)
except Exception as e:
    print("connect failed: {0}: {1}".format(type(e).__name__, e))
    sys.exit(1)
client.loop_start()
if not connected.wait(args.timeout) or not outcome.get("ok"):
    print("connection refused: {0}".format(outcome.get("connack", "no CONNACK in time")))
    client.loop_stop()
    sys.exit(1)

properties = None
if args.mqtt5:
    properties = Properties(PacketTypes.PUBLISH)
    if args.content_type:
        properties.ContentType = args.content_type

failed = 0
for n in range(1, args.count + 1):
    payload = bytes.fromhex(args.payload_hex) if args.payload_hex else args.payload.replace("{n}", str(n))
    info = client.publish(args.topic, payload, qos=1, properties=properties)
    info.wait_for_publish(args.timeout)
    if not info.is_published():
        print("message {0} not acknowledged (rc {1})".format(n, info.rc))
        failed += 1
        break
client.disconnect()
client.loop_stop()
if failed:
    sys.exit(1)
print("published {0} message(s)".format(args.count))
