package io.apogee.client.consumer;

/**
 * Where a consumer starts on a queue for which its group has no committed offset (the broker answered
 * {@code QUERY_CONSUMER_OFFSET} with "not found"). The names are the wire values heartbeats carry.
 */
public enum ConsumeFromWhere {
    /** The queue's max offset: only messages stored from now on. */
    CONSUME_FROM_LAST_OFFSET,
    /** Offset 0: everything the queue still holds (the broker moves a too-small offset up). */
    CONSUME_FROM_FIRST_OFFSET,
    /** The first message stored at or after the consumer's {@code consumeTimestamp}. */
    CONSUME_FROM_TIMESTAMP
}
