#!/usr/bin/env bash
# The matrix benchmark (docs/benchmarks.md): the full check's wall time
# against its slowest single probe, and against swaks, with 100 ms of round-trip latency added by a
# delaying TCP proxy in front of a real Postfix + Dovecot on loopback.
#
#   sudo scripts/bench-matrix.sh                  # 5 iterations after 1 warm-up, +50 ms each way
#   sudo scripts/bench-matrix.sh --iterations 9 --one-way-ms 25 --no-swaks
#
# Needs root (the fixture starts Postfix and Dovecot), postfix + dovecot-core
# (scripts/install-test-deps.sh) and swaks (or --no-swaks). Arguments go to
# dev.smtpdoctor.bench.MatrixBenchmark. Nothing leaves 127.0.0.1; no DNS is asked.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

if [ "$(id -u)" -ne 0 ]; then
  echo "bench-matrix: must run as root: the benchmark starts its own Postfix and Dovecot" >&2
  exit 1
fi
if [ ! -x /usr/sbin/postfix ] || [ ! -x /usr/sbin/dovecot ]; then
  echo "bench-matrix: Postfix and Dovecot are missing: bash scripts/install-test-deps.sh" >&2
  exit 1
fi

# shellcheck source=scripts/java-home.sh
. scripts/java-home.sh
smtp_doctor_find_java
export JAVA_HOME

./mvnw -B -q -DskipITs test-compile
classpath_file=target/bench-classpath.txt
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test
classpath="target/test-classes:target/classes:$(cat "$classpath_file")"

exec "$JAVA_HOME/bin/java" -cp "$classpath" dev.smtpdoctor.bench.MatrixBenchmark "$@"
