#!/usr/bin/env bash
# A runtime users can take away: jlink makes a Java runtime of only the modules smtp-doctor uses (found with
# jdeps), jpackage wraps it with the jar and a native launcher, a training run of `smtp-doctor demo` adds the
# JDK 25 AOT cache (the launcher passes it; a runtime that cannot use it ignores it silently), and the image is
# packed as a tarball and, with dpkg-deb + fakeroot, a .deb. Needs JDK 25+ (JAVA_HOME or /usr/lib/jvm).
#
#   scripts/package.sh           # target/package/smtp-doctor-<version>-linux-x64.tar.gz and smtp-doctor_<version>_amd64.deb
#   scripts/package.sh --no-deb  # only the tarball
#   scripts/package.sh --smoke   # then run the image's --version and demo once (the CI's quick check)
#
# docs/benchmarks.md compares the image's start-up with the launcher's (scripts/bench-startup.sh --image).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
deb=1
smoke=0
for arg in "$@"; do
  case "$arg" in
    --no-deb) deb=0 ;;
    --smoke) smoke=1 ;;
    *) echo "package.sh: unknown option $arg" >&2; exit 64 ;;
  esac
done
# shellcheck source=scripts/java-home.sh
. scripts/java-home.sh
smtp_doctor_find_java
if [ "$(smtp_doctor_java_major "$JAVA_HOME")" -lt 25 ]; then
  echo "package.sh: needs JDK 25 or newer (jlink, jpackage and the AOT cache); JAVA_HOME=$JAVA_HOME" >&2
  exit 1
fi
bin="$JAVA_HOME/bin"

./mvnw -q -B -DskipTests -DskipITs package
jar=target/smtp-doctor.jar
version=$(unzip -p "$jar" META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: *\([^[:space:]]*\).*/\1/p' | head -n 1)
out=target/package
rm -rf "$out"
mkdir -p "$out/input"
cp "$jar" "$out/input/"

# Modules: what jdeps sees, plus what is only looked up at run time — the Japanese locale data (dates and numbers
# in `--lang ja`) and the JNDI DNS provider dnsjava may ask for the system's resolvers.
modules=$("$bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release "$(smtp_doctor_java_major "$JAVA_HOME")" "$jar")
modules="$modules,jdk.localedata,jdk.naming.dns"
echo "package.sh: modules $modules" >&2
"$bin/jlink" --add-modules "$modules" --include-locales=en,ja --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$out/runtime"

# The launcher's JVM flags (see ./smtp-doctor); $APPDIR is the image's lib/app, expanded by jpackage's launcher.
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:UserThreadWaitAttemptsAtExit=0"
"$bin/jpackage" --type app-image --name smtp-doctor --app-version "${version%%-*}" \
  --input "$out/input" --main-jar smtp-doctor.jar --main-class dev.smtpdoctor.cli.Main \
  --runtime-image "$out/runtime" --dest "$out/image" \
  --java-options "$flags -XX:AOTCache=\$APPDIR/smtp-doctor.aot -Xlog:aot*=off -Xlog:cds*=off"
app="$out/image/smtp-doctor"

# jpackage's native launcher asks `rpm -qf` and `dpkg -S` at every start which package it belongs to (seen with
# strace; +0.7 s on the benchmark machine, docs/benchmarks.md): a shell launcher starts the runtime directly, with
# the same flags, class path and cache as the .cfg jpackage wrote.
cat >"$app/bin/smtp-doctor" <<'LAUNCHER'
#!/bin/sh
# smtp-doctor's launcher in the self-contained image: its own Java runtime, the JVM flags of ./smtp-doctor, and the
# AOT cache made for this runtime (ignored silently when it cannot be used; not mapped for --version alone).
self=$(readlink -f "$0")
app=${self%/bin/*}
cache="-XX:AOTCache=$app/lib/app/smtp-doctor.aot"
if [ "$#" = 1 ] && { [ "$1" = --version ] || [ "$1" = -V ]; }; then cache=; fi
exec "$app/lib/runtime/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:UserThreadWaitAttemptsAtExit=0 \
  $cache -Xlog:aot*=off -Xlog:cds*=off -Djava.class.path="$app/lib/app/smtp-doctor.jar" dev.smtpdoctor.cli.Main "$@"
LAUNCHER
chmod 755 "$app/bin/smtp-doctor"

# The training run, with the image's own runtime and class path as its launcher will use them.
# shellcheck disable=SC2086
"$app/lib/runtime/bin/java" $flags -XX:AOTCacheOutput="$app/lib/app/smtp-doctor.aot" -Xlog:aot*=off -Xlog:cds*=off \
  -Djava.class.path="$(cd "$app/lib/app" && pwd)/smtp-doctor.jar" dev.smtpdoctor.cli.Main demo >"$out/training.log" 2>&1 \
  || { code=$?; [ "$code" -le 2 ] || { echo "package.sh: training run failed ($code), see $out/training.log" >&2; exit 1; }; }

tarball="$out/smtp-doctor-$version-linux-x64.tar.gz"
tar -C "$out/image" -czf "$tarball" smtp-doctor
echo "package.sh: $tarball ($(du -h "$tarball" | cut -f1))" >&2

if [ "$deb" = 1 ]; then
  if ! command -v dpkg-deb >/dev/null || ! command -v fakeroot >/dev/null; then
    echo "package.sh: dpkg-deb and fakeroot are needed for the .deb (apt-get install dpkg-dev fakeroot); skipped" >&2
  else
    root="$out/deb"
    mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin"
    cp -a "$app" "$root/opt/smtp-doctor"
    ln -s /opt/smtp-doctor/bin/smtp-doctor "$root/usr/bin/smtp-doctor"
    size=$(du -sk "$root/opt" | cut -f1)
    cat >"$root/DEBIAN/control" <<EOF
Package: smtp-doctor
Version: ${version%%-*}
Architecture: amd64
Maintainer: smtp-doctor <noreply@smtp-doctor.invalid>
Installed-Size: $size
Section: mail
Priority: optional
Description: diagnoses Gmail "Send mail as" SMTP settings
 Probes every host, port and security combination at once, tests the login once and safely, and says
 which configuration works. Self-contained: brings its own Java runtime.
EOF
    debfile="$out/smtp-doctor_${version%%-*}_amd64.deb"
    fakeroot dpkg-deb --build --root-owner-group "$root" "$debfile" >/dev/null
    echo "package.sh: $debfile ($(du -h "$debfile" | cut -f1))" >&2
  fi
fi

if [ "$smoke" = 1 ]; then
  "$app/bin/smtp-doctor" --version
  "$app/bin/smtp-doctor" demo >/dev/null || [ $? -le 2 ]
  echo "package.sh: smoke check passed" >&2
fi
