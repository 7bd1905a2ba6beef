# SPDX-License-Identifier: EPL-2.0
"""Device JWTs as akenza's Python example makes them (python3-jwt): iat, exp, aud per device.

Usage as a script: jwt_token.py <deviceId> <private key PEM> <RS256|ES256> [lifetime seconds]
prints the token (the MQTT password of the device).
"""
import sys
import time

import jwt


def create_jwt(device_id, private_key_file, algorithm, lifetime_seconds=20 * 60):
    """A token for device_id signed with the device's private key, valid for lifetime_seconds."""
    now = int(time.time())
    token = {
        "iat": now,
        "exp": now + lifetime_seconds,
        "aud": "https://akenza.io/devices/{0}".format(device_id),
    }
    with open(private_key_file, "r") as f:
        private_key = f.read()
    return jwt.encode(token, private_key, algorithm=algorithm)


if __name__ == "__main__":
    lifetime = int(sys.argv[4]) if len(sys.argv) > 4 else 20 * 60
    print(create_jwt(sys.argv[1], sys.argv[2], sys.argv[3], lifetime))
