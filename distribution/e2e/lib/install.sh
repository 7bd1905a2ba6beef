# SPDX-License-Identifier: EPL-2.0
# shellcheck shell=bash
# Installs what the checks need when it is missing (CI starts from a fresh Debian machine)
# (sourced by distribution/e2e/run).

install_prerequisites() {
  local missing=() pkg sudo=()
  for pkg in mosquitto mosquitto-clients python3-paho-mqtt python3-jwt python3-cryptography chromium openssl; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if ((${#missing[@]})); then
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    echo "installing ${missing[*]}"
    "${sudo[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
  # Installing the mosquitto package may start its system service on 1883; the checks use their own instance.
  if [ ! -f "$E2E/node_modules/playwright-core/package.json" ]; then
    (cd "$E2E" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
