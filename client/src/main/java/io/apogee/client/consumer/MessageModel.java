package io.apogee.client.consumer;

/** How a push consumer group shares a topic. The names are the wire values heartbeats carry. */
public enum MessageModel {
    /** The group's members share the queues: each message goes to one member. Offsets in the brokers. */
    CLUSTERING,
    /** Every member gets every message. Offsets in a local file per member; failures are not retried. */
    BROADCASTING
}
