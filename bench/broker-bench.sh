#!/usr/bin/env bash
# Our broker against the official 5.3.3 broker, driven by the official client: see docs/benchmarks.md.
#   bench/broker-bench.sh [seconds per broker] [sender threads] [body bytes]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp -DskipTests -pl distribution,bench -am package
java -Xmx2g -cp bench/target/benchmarks.jar io.apogee.bench.broker.BrokerBenchmark "${1:-30}" "${2:-16}" "${3:-1024}"
