# SPDX-License-Identifier: EPL-2.0
"""akenza's downlink.py: subscribe to /down/<secret or 'device'>/id/<deviceId>/# and print what arrives.

Changes from akenza's page: host, port, credentials and client id come from the command line; the script
prints 'subscribed' once the SUBACK arrives (the harness publishes the downlink only then) and ends after
the first message or after --timeout seconds (exit status 1 when nothing arrived).
"""
import argparse
import sys
import time

import paho.mqtt.client as mqtt
from paho.mqtt.client import error_string

parser = argparse.ArgumentParser()
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=1883)
parser.add_argument("--username", required=True)
parser.add_argument("--password", required=True)
parser.add_argument("--device-id", required=True)
parser.add_argument("--client-id", default="mqtt-test-client")
parser.add_argument("--secret", help="uplink secret for the topic; absent = JWT device topic /down/device/...")
parser.add_argument("--timeout", type=float, default=60.0)
args = parser.parse_args()

host = args.host
mqtt_username = args.username
mqtt_password = args.password
device_id = args.device_id
topic = "/down/{0}/id/{1}/#".format(args.secret or "device", device_id)
received = []


def on_connect(client, userdata, flags, rc):  # The callback for when the client connects to the broker
    print("Connected with result code {0}".format(error_string(rc)), flush=True)
    if rc == 0:
        client.subscribe(topic, qos=1)  # Subscribe to the topic, receive any messages published on it


def on_subscribe(client, userdata, mid, granted_qos):
    ok = all(q in (0, 1, 2) for q in granted_qos)
    print("subscribed {0} granted {1}".format("ok" if ok else "REFUSED", granted_qos), flush=True)


def on_message(client, userdata, message):
    print("Received message '" + message.payload.decode("utf-8", "replace") + "' on topic '"
          + message.topic + "' with QoS " + str(message.qos), flush=True)
    received.append(message)
    client.disconnect()


def on_disconnect(client, userdata, rc):
    if rc != 0:
        print("Unexpected disconnection. " + error_string(rc), flush=True)


client = mqtt.Client(args.client_id)
client.username_pw_set(mqtt_username, mqtt_password)
client.on_message = on_message
client.on_connect = on_connect
client.on_subscribe = on_subscribe
client.on_disconnect = on_disconnect
client.connect(host, args.port)
deadline = time.monotonic() + args.timeout
while not received and time.monotonic() < deadline:
    client.loop(timeout=0.5)  # loop_forever in akenza's script; bounded here
sys.exit(0 if received else 1)
