#!/usr/bin/env bash
# Installs what the integration tests (src/test/**/*IT.java) need beyond the JDK: a real Postfix and
# Dovecot (auth only, for SASL), and Knot DNS (an authoritative DNS server for the DNS and
# sending-domain tests). Idempotent: does nothing when all are already installed.
#
# The tests never use the system-wide instances: they write their own Postfix, Dovecot and Knot
# configuration under the temp directory and start private daemons on loopback (see
# dev.smtpdoctor.testing.postfix.PostfixServer and dev.smtpdoctor.testing.knot.KnotServer). This
# script therefore only installs packages; it does not configure or start anything. Debian/Ubuntu
# only; must run as root (CI does).
set -euo pipefail

packages=(postfix dovecot-core knot)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-test-deps: already installed: ${packages[*]}"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-deps: must run as root to install: ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Postfix asks how to configure itself; "Local only" keeps the system instance off the network.
echo "postfix postfix/main_mailer_type select Local only" | debconf-set-selections
echo "postfix postfix/mailname string localhost" | debconf-set-selections

echo "install-test-deps: installing ${missing[*]}"
apt-get update -q
apt-get install -y -q "${missing[@]}" </dev/null

# Nothing auto-starts without systemd here, but a machine with an init system may have started the
# system-wide daemons; the tests do not need them and use their own private instances on other ports.
echo "install-test-deps: done"
