#!/usr/bin/env bash
# Fuzzes the @FuzzTest targets with Jazzer for a while (docs/fuzzing.md). `mvn test` only replays their
# inputs; this mutates them.
#
#   scripts/fuzz.sh [TARGET] [SECONDS]
#     TARGET   a fuzz test class, e.g. ReplyParserFuzzTest or just ReplyParser; "all" (default) runs
#              every *FuzzTest class, one after another, each in its own JVM
#     SECONDS  fuzzing time per target, default 60
#
# A finding fails the run and is saved as src/test/resources/<package>/<Class>Inputs/<method>/crash-*,
# where every later `mvn test` replays it; this script also prints it in base64 (CI throws its clone
# away). Inputs that found new coverage go to .cifuzz-corpus/ (not committed) and seed the next run.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
# shellcheck source=scripts/java-home.sh
. scripts/java-home.sh
smtp_doctor_find_java

target=${1:-all}
seconds=${2:-60}
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "fuzz.sh: SECONDS must be a positive whole number, not '$seconds'" >&2
  exit 64
fi

mapfile -t all < <(find src/test/java -name '*FuzzTest.java' -printf '%f\n' | sed 's/\.java$//' | sort)
if [ "${#all[@]}" -eq 0 ]; then
  echo "fuzz.sh: no *FuzzTest classes under src/test/java" >&2
  exit 1
fi
if [ "$target" = all ]; then
  selected=("${all[@]}")
else
  selected=()
  for class in "${all[@]}"; do
    if [ "$class" = "$target" ] || [ "$class" = "${target}FuzzTest" ]; then
      selected+=("$class")
    fi
  done
  if [ "${#selected[@]}" -eq 0 ]; then
    echo "fuzz.sh: no fuzz target '$target'; the targets are: all ${all[*]}" >&2
    exit 64
  fi
fi

list_crashes() {
  find src/test/resources -path '*Inputs/*' -type f -name 'crash-*' 2>/dev/null | sort
}
before=$(list_crashes)

echo "fuzz.sh: fuzzing ${selected[*]} for ${seconds}s each"
status=0
# Jazzer fuzzes one @FuzzTest per JVM: fuzz.reuseForks=false gives each class its own. libFuzzer
# writes its progress and findings to the JVM's native stderr: shown, not redirected to a file.
JAZZER_FUZZ=1 ./mvnw -B test-compile surefire:test@fuzz \
  -Dtest="$(IFS=,; echo "${selected[*]}")" \
  -Djazzer.max_duration="${seconds}s" \
  -Dfuzz.reuseForks=false \
  -Dfuzz.redirectTestOutputToFile=false || status=$?

new=$(comm -13 <(echo "$before") <(list_crashes) | sed '/^$/d')
if [ -n "$new" ]; then
  echo "fuzz.sh: new findings (replayed by every 'mvn test' from now on; fix, then keep them):"
  while IFS= read -r file; do
    echo "  $file"
    echo "    base64: $(base64 -w0 "$file")"
  done <<< "$new"
fi
exit "$status"
