#!/usr/bin/env bash
# Installs what the integration tests (src/test/**/*IT.java) need beyond the JDK: a real Postfix and
# Dovecot (auth only, for SASL), Knot DNS (an authoritative DNS server for the DNS and
# sending-domain tests), and two more real MTAs beside Postfix, Exim (exim4-daemon-heavy) and
# OpenSMTPD, unpacked into a private directory (see below). Idempotent: does nothing when all are
# already installed.
#
# The tests never use the system-wide instances: they write their own Postfix, Dovecot and Knot
# configuration under the temp directory and start private daemons on loopback (see
# dev.smtpdoctor.testing.postfix.PostfixServer and dev.smtpdoctor.testing.knot.KnotServer). This
# script therefore only installs packages; it does not configure or start anything. Debian/Ubuntu
# only; must run as root (CI does).
#
# Exim and OpenSMTPD: every Debian MTA conflicts on the virtual package mail-transport-agent, so
# `apt-get install exim4-daemon-heavy` would remove Postfix. Instead their libraries are installed
# normally and the MTA packages themselves are `apt-get download`ed and unpacked with `dpkg-deb -x`
# into $SMTP_DOCTOR_TEST_MTAS (default /opt/smtp-doctor-test-mtas): exim/usr/sbin/exim4 and
# opensmtpd/usr/sbin/smtpd. Nothing of theirs is registered with dpkg, configured or started; the
# tests run them with their own configuration (dev.smtpdoctor.testing.exim / .opensmtpd).
# gcc and libssl-dev build the OpenSSL 3 key shim OpenSMTPD 6.8 needs (src/test/c/).
set -euo pipefail

mtas_dir=${SMTP_DOCTOR_TEST_MTAS:-/opt/smtp-doctor-test-mtas}

packages=(postfix dovecot-core knot gcc libc6-dev libssl-dev)
# The web page's end-to-end test (dev.smtpdoctor.web.WebPageIT) drives headless chromium through chromedriver.
packages+=(chromium chromium-driver)
# Unpacked privately: package -> the directory below $mtas_dir it goes to.
declare -A private_mtas=([exim4-daemon-heavy]=exim [opensmtpd]=opensmtpd)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

missing_mtas=()
for p in "${!private_mtas[@]}"; do
  if [ ! -f "$mtas_dir/${private_mtas[$p]}/.unpacked" ]; then
    missing_mtas+=("$p")
  fi
done
# The users compiled into the binaries, made by the packages' postinst otherwise: Exim's exim_user
# (looked up by name at every start) and OpenSMTPD's privilege-separation users.
missing_users=()
for u in Debian-exim opensmtpd opensmtpq; do
  id -u "$u" >/dev/null 2>&1 || missing_users+=("$u")
done

# OpenSMTPD's compiled-in chroot directory for its unprivileged processes (made by its package otherwise).
opensmtpd_chroot=/var/lib/opensmtpd/empty

if [ ${#missing[@]} -eq 0 ] && [ ${#missing_mtas[@]} -eq 0 ] && [ ${#missing_users[@]} -eq 0 ] \
  && [ -d "$opensmtpd_chroot" ]; then
  echo "install-test-deps: already installed: ${packages[*]}; ${!private_mtas[*]} in $mtas_dir"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-deps: must run as root to install: ${missing[*]} ${missing_mtas[*]} ${missing_users[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -q

if [ ${#missing[@]} -gt 0 ]; then
  # Postfix asks how to configure itself; "Local only" keeps the system instance off the network.
  echo "postfix postfix/main_mailer_type select Local only" | debconf-set-selections
  echo "postfix postfix/mailname string localhost" | debconf-set-selections
  echo "install-test-deps: installing ${missing[*]}"
  apt-get install -y -q "${missing[@]}" </dev/null
fi

if [ ${#missing_mtas[@]} -gt 0 ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  chmod 755 "$work" # apt's download runs as _apt
  (cd "$work" && apt-get download -q "${missing_mtas[@]}" </dev/null)
  # Their run-time dependencies, from the packages' own Depends: the first alternative of each, without
  # version constraints, leaving out what is only for the package scripts (debconf, adduser, ...) and
  # the rest of exim4 (exim4-base, exim4-config: init scripts, cron jobs and the Debian config system).
  deps=()
  for deb in "$work"/*.deb; do
    IFS=',' read -ra fields <<<"$(dpkg-deb -f "$deb" Depends)"
    for f in "${fields[@]}"; do
      d=$(sed -E 's/\|.*//; s/\(.*\)//; s/[[:space:]]//g' <<<"$f")
      case "$d" in
        ''|debconf|adduser|ed|lsb-base|init-system-helpers|exim4-base|exim4-config) ;;
        *) deps+=("$d") ;;
      esac
    done
  done
  echo "install-test-deps: installing the libraries of ${missing_mtas[*]}: ${deps[*]}"
  apt-get install -y -q --no-install-recommends "${deps[@]}" </dev/null
  for p in "${missing_mtas[@]}"; do
    target="$mtas_dir/${private_mtas[$p]}"
    rm -rf "$target"
    mkdir -p "$target"
    dpkg-deb -x "$work/${p}"_*.deb "$target"
    dpkg-deb -f "$work/${p}"_*.deb Package Version >"$target/.unpacked"
    echo "install-test-deps: unpacked $p into $target"
  done
fi

for u in "${missing_users[@]}"; do
  echo "install-test-deps: adding system user $u"
  case "$u" in
    Debian-exim) useradd --system --user-group --no-create-home --home-dir /var/spool/exim4 --shell /usr/sbin/nologin "$u" ;;
    *) useradd --system --user-group --no-create-home --home-dir /var/lib/opensmtpd/empty --shell /usr/sbin/nologin "$u" ;;
  esac
done

# Nothing auto-starts without systemd here, but a machine with an init system may have started the
# system-wide daemons; the tests do not need them and use their own private instances on other ports.
mkdir -p "$opensmtpd_chroot"
chmod 755 "$opensmtpd_chroot"

echo "install-test-deps: done"
