#!/usr/bin/env bash
# Builds Apogee when the sources are newer than the last build, then starts a single-node Apogee on
# loopback with default settings and all data under ./data (or $APOGEE_DATA). Ctrl-C stops it cleanly.
set -euo pipefail
cd "$(dirname "$0")"

dist() { find distribution/target -maxdepth 1 -type d -name 'apogee-*' 2>/dev/null | head -n 1; }

DIST=$(dist)
if [ -z "$DIST" ] || [ -n "$(find . -path ./data -prune -o -path '*/target' -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/bin/*' \) -newer "$DIST/bin/mqnamesrv" -print | head -n 1)" ]; then
  echo "Building Apogee (a few minutes the first time)..."
  mvn -B -q -ntp -DskipTests -pl distribution -am package
  DIST=$(dist)
fi

DATA=${APOGEE_DATA:-$PWD/data}
NAMESRV_PORT=${NAMESRV_PORT:-9876}
mkdir -p "$DATA/namesrv" "$DATA/logs"
cat > "$DATA/namesrv/namesrv.conf" <<CONF
listenPort=$NAMESRV_PORT
bindAddress=127.0.0.1
kvConfigPath=$DATA/namesrv/kvConfig.json
configStorePath=$DATA/namesrv/namesrv.properties
CONF

pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping Apogee..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "Stopped. Data and logs are in $DATA"
}
trap stop INT TERM EXIT

APOGEE_LOG_DIR="$DATA/logs" "$DIST/bin/mqnamesrv" -c "$DATA/namesrv/namesrv.conf" > "$DATA/logs/namesrv.out" 2>&1 &
pids+=($!)

for _ in $(seq 1 60); do
  grep -q "boot success" "$DATA/logs/namesrv.out" 2>/dev/null && break
  if ! kill -0 "${pids[0]}" 2>/dev/null; then
    cat "$DATA/logs/namesrv.out" >&2
    exit 1
  fi
  sleep 0.5
done

cat <<MSG
Apogee is running on loopback.
  Name server: 127.0.0.1:$NAMESRV_PORT      (logs: $DATA/logs)
  Point any RocketMQ 5.x client or mqadmin at it, for example:
    export NAMESRV_ADDR=127.0.0.1:$NAMESRV_PORT
Press Ctrl-C to stop.
MSG
wait "${pids[@]}"
