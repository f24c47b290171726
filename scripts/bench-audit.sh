#!/usr/bin/env bash
# The bulk-audit benchmark (docs/benchmarks.md, "Bulk audit"): `smtp-doctor audit` of 10,000 domains against
# loopback SMTP servers behind the delaying TCP proxy (50 ms round trip), records per second and peak RSS
# (/usr/bin/time -v), beside swaks checking the same domains' three ports under `xargs -P` at the same concurrency.
#
#   scripts/bench-audit.sh                                    # 10,000 targets, concurrency 50, 25 ms each way
#   scripts/bench-audit.sh --targets 2000 --swaks-targets 500 --concurrency 50 --one-way-ms 25
#   scripts/bench-audit.sh --no-swaks
#
# Needs /usr/bin/time (package `time`) and swaks (apt-get install -y swaks) unless --no-swaks. Arguments go to
# dev.smtpdoctor.bench.AuditBenchmark. Nothing leaves 127.0.0.1; every name is answered by a DNS server on
# loopback started by the benchmark (--dns-server), never the machine's resolver.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

if [ ! -x /usr/bin/time ]; then
  echo "bench-audit: /usr/bin/time is missing: apt-get install -y time" >&2
  exit 1
fi
case " $* " in
  *" --no-swaks "*) ;;
  *) command -v swaks >/dev/null || { echo "bench-audit: swaks is missing: apt-get install -y swaks (or --no-swaks)" >&2; exit 1; } ;;
esac

# shellcheck source=scripts/java-home.sh
. scripts/java-home.sh
smtp_doctor_find_java
export JAVA_HOME

./mvnw -B -q -DskipTests package
classpath_file=target/bench-classpath.txt
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test
classpath="target/test-classes:target/classes:$(cat "$classpath_file")"

exec "$JAVA_HOME/bin/java" -cp "$classpath" dev.smtpdoctor.bench.AuditBenchmark "$@"
