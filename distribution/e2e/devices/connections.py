# SPDX-License-Identifier: EPL-2.0
"""Opens N MQTT 5 connections to the gateway one after another and keeps them all open until the end,
then prints 'accepted=<a> refused=<r>'. Used to observe the broker's max.connections limit from outside.
"""
import argparse
import threading

import paho.mqtt.client as mqtt_client

parser = argparse.ArgumentParser()
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=1883)
parser.add_argument("--username", required=True)
parser.add_argument("--password", required=True)
parser.add_argument("--count", type=int, required=True)
parser.add_argument("--timeout", type=float, default=5.0)
args = parser.parse_args()


def open_connection(index):
    """Returns (client, True) when the broker accepted the connection, (client, False) otherwise."""
    done = threading.Event()
    result = {"ok": False, "why": "no CONNACK in time"}

    def on_connect(client, userdata, flags, rc, properties=None):
        result["ok"] = getattr(rc, "value", rc) == 0  # ReasonCodes: 0 = success
        result["why"] = str(rc)
        done.set()

    def on_disconnect(client, userdata, rc, properties=None):
        if not done.is_set():
            result["why"] = "closed without CONNACK"
            done.set()

    client = mqtt_client.Client("e2e-limit-{0}".format(index), protocol=mqtt_client.MQTTv5)
    client.username_pw_set(args.username, args.password)
    client.on_connect = on_connect
    client.on_disconnect = on_disconnect
    client.reconnect_delay_set(60, 60)
    try:
        client.connect(args.host, args.port)
    except OSError as e:
        return client, False, "connect failed: {0}".format(e)
    client.loop_start()
    done.wait(args.timeout)
    return client, result["ok"], result["why"]


clients = []
accepted = 0
for i in range(1, args.count + 1):
    client, ok, why = open_connection(i)
    clients.append(client)
    print("connection {0}: {1}".format(i, "accepted" if ok else "refused (" + why + ")"), flush=True)
    accepted += 1 if ok else 0
for client in clients:
    client.disconnect()
    client.loop_stop()
print("accepted={0} refused={1}".format(accepted, args.count - accepted))
