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
BROKER_PORT=${BROKER_PORT:-10911}
mkdir -p "$DATA/namesrv" "$DATA/broker" "$DATA/logs"
cat > "$DATA/namesrv/namesrv.conf" <<CONF
listenPort=$NAMESRV_PORT
bindAddress=127.0.0.1
kvConfigPath=$DATA/namesrv/kvConfig.json
configStorePath=$DATA/namesrv/namesrv.properties
CONF

cat > "$DATA/broker/broker.conf" <<CONF
brokerClusterName=DefaultCluster
brokerName=broker-a
brokerId=0
brokerIP1=127.0.0.1
bindAddress=127.0.0.1
listenPort=$BROKER_PORT
namesrvAddr=127.0.0.1:$NAMESRV_PORT
storePathRootDir=$DATA/broker/store
flushDiskType=ASYNC_FLUSH
CONF

pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping Apogee..."
  # Broker first, so that it can still unregister from the name server on its way out.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids[$i]}" 2>/dev/null || true
    wait "${pids[$i]}" 2>/dev/null || true
  done
  echo "Stopped. Data and logs are in $DATA"
}
trap stop INT TERM EXIT

APOGEE_LOG_DIR="$DATA/logs" "$DIST/bin/mqnamesrv" -c "$DATA/namesrv/namesrv.conf" > "$DATA/logs/namesrv.out" 2>&1 &
pids+=($!)

# wait_for NAME PID FILE: until FILE says "boot success", or the process died (then show why).
wait_for() {
  for _ in $(seq 1 120); do
    grep -q "boot success" "$3" 2>/dev/null && return 0
    if ! kill -0 "$2" 2>/dev/null; then
      echo "$1 failed to start:" >&2
      cat "$3" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "$1 did not start within 60 s; see $3" >&2
  exit 1
}
wait_for "The name server" "${pids[0]}" "$DATA/logs/namesrv.out"

APOGEE_LOG_DIR="$DATA/logs" "$DIST/bin/mqbroker" -c "$DATA/broker/broker.conf" > "$DATA/logs/broker.out" 2>&1 &
pids+=($!)
wait_for "The broker" "${pids[1]}" "$DATA/logs/broker.out"

cat <<MSG
Apogee is running on loopback (data and logs under $DATA).
  Name server: 127.0.0.1:$NAMESRV_PORT
  Broker:      broker-a at 127.0.0.1:$BROKER_PORT
Point any RocketMQ 5.x client at the name server, for example in Java:
  DefaultMQProducer p = new DefaultMQProducer("demo"); p.setNamesrvAddr("127.0.0.1:$NAMESRV_PORT"); p.start(); p.send(new Message("DemoTopic", "hello".getBytes()));
Press Ctrl-C to stop.
MSG
wait "${pids[@]}"
