# SPDX-License-Identifier: EPL-2.0
"""akenza's uplink.py (and its TLS variant): one message with paho's publish.single.

The only change from akenza's page is that host, port, credentials and topic come from the command line,
and QoS 1 is used so that success means the gateway acknowledged (and durably stored) the uplink.
A JWT device passes --client-id <deviceId> --username unused --password <JWT>.
Exit status 0 = published and acknowledged; anything else = refused or failed.
"""
import argparse
import ssl
import sys

import paho.mqtt.publish as publish

parser = argparse.ArgumentParser()
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=1883)
parser.add_argument("--topic", required=True)
parser.add_argument("--username", required=True)
parser.add_argument("--password", required=True)
parser.add_argument("--client-id", default="")
parser.add_argument("--payload", default='{"foo":"bar"}')
parser.add_argument("--ca", help="verify the gateway's TLS certificate against this PEM file (TLS on)")
args = parser.parse_args()

topic = args.topic
host = args.host
mqtt_username = args.username
mqtt_password = args.password
payload = args.payload

tls_config = None
if args.ca:
    tls_config = {
        "ca_certs": args.ca,
        "cert_reqs": ssl.CERT_REQUIRED,
        "tls_version": ssl.PROTOCOL_TLSv1_2,
    }

try:
    publish.single(topic, payload, qos=1, hostname=host, port=args.port, client_id=args.client_id,
                   tls=tls_config, auth={'username': mqtt_username, 'password': mqtt_password})
except Exception as e:  # paho raises MQTTException on a refused CONNACK, ssl/socket errors otherwise
    print("uplink failed: {0}: {1}".format(type(e).__name__, e))
    sys.exit(1)
print("uplink published")
