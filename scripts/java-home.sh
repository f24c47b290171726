# Sourced by the launcher and the test script: sets JAVA_HOME to a JDK >= 21.
# Order: $JAVA_HOME if it is new enough, else the newest JDK under /usr/lib/jvm.
# A JDK's version is read from its `release` file (JAVA_VERSION="25.0.3"), without starting a JVM;
# only a JDK without that file is asked by running it.
smtp_doctor_java_major() {
  local v
  if [ -r "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1)
    if [ -n "$v" ]; then echo "$v"; return; fi
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
smtp_doctor_find_java() {
  local candidate major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(smtp_doctor_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then return 0; fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
    candidate=${candidate%/}
    [ -x "$candidate/bin/javac" ] || continue
    major=$(smtp_doctor_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "smtp-doctor: no JDK 21 or newer found. Set JAVA_HOME, or install one under /usr/lib/jvm." >&2
  return 1
}
