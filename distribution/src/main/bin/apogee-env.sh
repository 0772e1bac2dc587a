# Sourced by the bin/ scripts: finds the install directory and a Java 17+, and sizes heaps for this
# host (its memory, or its cgroup limit when lower), so that a small machine is not asked for 8 GiB.

APOGEE_HOME=${APOGEE_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
APOGEE_LOG_DIR=${APOGEE_LOG_DIR:-${HOME}/logs/apogee}

if [ -n "${JAVA_HOME:-}" ] && [ -x "${JAVA_HOME}/bin/java" ]; then
  JAVA="${JAVA_HOME}/bin/java"
elif command -v java >/dev/null 2>&1; then
  JAVA=$(command -v java)
else
  echo "error: Java not found: set JAVA_HOME or put java (17 or newer) on the PATH" >&2
  exit 1
fi

java_major=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
java_major=${java_major%%.*}
if [ -z "$java_major" ] || [ "$java_major" -lt 17 ] 2>/dev/null; then
  echo "error: $JAVA is Java ${java_major:-unknown}; Apogee needs Java 17 or newer" >&2
  exit 1
fi

# Usable memory in MiB: the host's, or the cgroup's limit when one is set and lower.
host_memory_mb() {
  local mem limit
  mem=$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo 2>/dev/null)
  mem=${mem:-4096}
  for f in /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes; do
    if [ -r "$f" ]; then
      limit=$(cat "$f")
      if [ "$limit" != "max" ] && [ "$limit" -gt 0 ] 2>/dev/null; then
        limit=$((limit / 1024 / 1024))
        [ "$limit" -lt "$mem" ] && mem=$limit
      fi
    fi
  done
  echo "$mem"
}

# heap_mb FRACTION MIN MAX: 1/FRACTION of usable memory, clamped to [MIN, MAX] MiB.
heap_mb() {
  local heap
  heap=$(( $(host_memory_mb) / $1 ))
  [ "$heap" -lt "$2" ] && heap=$2
  [ "$heap" -gt "$3" ] && heap=$3
  echo "$heap"
}

mkdir -p "$APOGEE_LOG_DIR"
