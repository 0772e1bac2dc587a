#!/usr/bin/env bash
# What ACL and TLS cost on our broker, driven by the official client: see docs/benchmarks.md.
#   bench/security-bench.sh [seconds per configuration] [sender threads] [body bytes] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp -DskipTests -pl distribution,bench -am package
java -Xmx1g -cp bench/target/benchmarks.jar io.apogee.bench.broker.SecurityCostBenchmark "${1:-15}" "${2:-16}" "${3:-1024}" "${4:-2}"
