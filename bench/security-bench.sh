#!/usr/bin/env bash
# What ACL and TLS cost on our broker, driven by the official client: see docs/benchmarks.md.
#   bench/security-bench.sh [seconds per configuration] [sender threads] [body bytes] [rounds] [shared|pinned]
# pinned: the broker on CPU 0 and the benchmark JVM (the producer) on CPU 1, with taskset.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${5:-shared}" = pinned ] && ! command -v taskset > /dev/null; then
    echo "pinned needs taskset (util-linux)" >&2
    exit 2
fi
mvn -q -B -ntp -DskipTests -pl distribution,bench -am package
java -Xmx1g -cp bench/target/benchmarks.jar io.apogee.bench.broker.SecurityCostBenchmark "${1:-15}" "${2:-16}" "${3:-1024}" "${4:-2}" "${5:-shared}"
