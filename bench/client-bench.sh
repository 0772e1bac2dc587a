#!/usr/bin/env bash
# Our client against the official 5.3.3 client, both against our broker: see docs/benchmarks.md "Client".
#   bench/client-bench.sh [seconds per client] [sender threads] [body bytes] [rounds, the first a warm-up]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp -o -DskipTests -pl distribution,bench -am package
java -Xms1g -Xmx1g -XX:+UseG1GC -cp bench/target/benchmarks.jar io.apogee.bench.client.ClientBenchmark \
  "${1:-20}" "${2:-16}" "${3:-1024}" "${4:-3}"
