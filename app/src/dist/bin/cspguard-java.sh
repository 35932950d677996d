# Shared by ./cspguard, bin/cspguard (the distribution) and .ci/run: finds a JDK (or JRE) of version 21 or newer.
# Sets CSPGUARD_JAVA_HOME and returns 0, or prints what to install and returns 1.
# Order: $CSPGUARD_JAVA_HOME, $JAVA_HOME, `java` on the PATH, then the usual install folders (newest first).

cspguard_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9.]*\).*/\1/p' | head -n 1 \
    | sed 's/^1\.//; s/\..*$//'
}

cspguard_find_java() {
  local need=21 candidate major on_path=""
  if command -v java >/dev/null 2>&1; then
    on_path=$(cd "$(dirname "$(readlink -f "$(command -v java)")")/.." && pwd)
  fi
  for candidate in "${CSPGUARD_JAVA_HOME:-}" "${JAVA_HOME:-}" "$on_path" \
      $(ls -d /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home /opt/java/* 2>/dev/null | sort -rV); do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major=$(cspguard_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge "$need" ] 2>/dev/null; then
      CSPGUARD_JAVA_HOME="$candidate"
      export CSPGUARD_JAVA_HOME
      return 0
    fi
  done
  cat >&2 <<MSG
cspguard: no Java ${need} or newer was found (looked at \$CSPGUARD_JAVA_HOME, \$JAVA_HOME, java on the PATH and /usr/lib/jvm).
  Install a JDK ${need}+ and try again, for example:
    Debian/Ubuntu:  sudo apt-get install openjdk-21-jdk     (or Temurin 21/25 from adoptium.net)
    macOS:          brew install openjdk@21
    Windows:        winget install EclipseAdoptium.Temurin.21.JDK
  or point CSPGUARD_JAVA_HOME (or JAVA_HOME) at an installed JDK ${need}+.
MSG
  return 1
}
