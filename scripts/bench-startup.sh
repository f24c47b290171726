#!/usr/bin/env bash
# Start-up benchmark (docs/benchmarks.md, "Start-up"): wall and CPU time of short commands, each run N times,
# interleaved (one run of every command per round, so load from elsewhere hits them alike), medians reported.
#
#   scripts/bench-startup.sh                      # 7 rounds after 1 warm-up
#   scripts/bench-startup.sh --rounds 11 --baseline /tmp/base   # also a built checkout of another commit
#   scripts/bench-startup.sh --image              # also the jlink/jpackage image of scripts/package.sh
#   scripts/bench-startup.sh --round-trips        # then bench/RoundTrips (round trips per probe kind)
#   scripts/bench-startup.sh --quick              # 2 rounds, no warm-up: that the commands still work (CI)
#
# Builds the jar (and its start-up cache) first through the launcher. All traffic stays on 127.0.0.1 (the demo).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
rounds=7
warmups=1
baseline=
image=0
round_trips=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift ;;
    --baseline) baseline=$(cd "$2" && pwd); shift ;;
    --image) image=1 ;;
    --round-trips) round_trips=1 ;;
    --quick) rounds=2; warmups=0 ;;
    *) echo "bench-startup.sh: unknown option $1" >&2; exit 64 ;;
  esac
  shift
done
# shellcheck source=scripts/java-home.sh
. scripts/java-home.sh
smtp_doctor_find_java
./smtp-doctor --version >/dev/null   # builds the jar and the start-up cache when needed
java="$JAVA_HOME/bin/java"
plain="$java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar target/smtp-doctor.jar"

names=()
commands=()
add() { names+=("$1"); commands+=("$2"); }
add "launcher --version" "./smtp-doctor --version"
add "java -jar --version (no launcher, no cache)" "$plain --version"
if [ -n "$baseline" ]; then add "baseline launcher --version" "$baseline/smtp-doctor --version"; fi
if [ "$image" = 1 ]; then add "image --version" "target/package/image/smtp-doctor/bin/smtp-doctor --version"; fi
if command -v swaks >/dev/null; then add "swaks --version" "swaks --version"; fi
add "launcher demo" "./smtp-doctor demo"
add "java -jar demo (no launcher, no cache)" "$plain demo"
if [ -n "$baseline" ]; then add "baseline launcher demo" "$baseline/smtp-doctor demo"; fi
if [ "$image" = 1 ]; then add "image demo" "target/package/image/smtp-doctor/bin/smtp-doctor demo"; fi

results=$(mktemp)
cpu_file=$(mktemp)
trap 'rm -f "$results" "$cpu_file"' EXIT
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); $(uname -sr)"
echo "java: $("$java" -version 2>&1 | head -n 1); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 0; r < warmups + rounds; r++)); do
  for i in "${!commands[@]}"; do
    t0=$(date +%s%N)
    # shellcheck disable=SC2086
    /usr/bin/time -o "$cpu_file" -f '%U %S' ${commands[$i]} >/dev/null 2>&1 || true
    cpu=$(tail -n 1 "$cpu_file")
    t1=$(date +%s%N)
    if [ "$r" -ge "$warmups" ]; then
      echo "$i $(( (t1 - t0) / 1000000 )) $cpu" >>"$results"
    fi
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds after $warmups warm-up"
echo
echo "| command | wall median ms [min–max] | CPU median s (user+sys) |"
echo "|---|---:|---:|"
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%s", v[int((NR + 1) / 2)] }'; }
for i in "${!commands[@]}"; do
  walls=$(awk -v i="$i" '$1 == i { print $2 }' "$results")
  cpus=$(awk -v i="$i" '$1 == i { printf "%.2f\n", $3 + $4 }' "$results")
  printf '| %s | %s [%s–%s] | %s |\n' "${names[$i]}" "$(median <<<"$walls")" "$(sort -n <<<"$walls" | head -n 1)" \
    "$(sort -n <<<"$walls" | tail -n 1)" "$(median <<<"$cpus")"
done

if [ "$round_trips" = 1 ]; then
  echo
  ./mvnw -B -q -DskipITs test-compile
  ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
  "$java" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" dev.smtpdoctor.bench.RoundTrips
fi
