package io.apogee.namesrv.route;

/** A broker node as the liveness table knows it: its cluster and the address clients use. */
record BrokerKey(String clusterName, String brokerAddr) {
}
