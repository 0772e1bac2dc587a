package io.apogee.client.consumer;

import io.apogee.client.runtime.ClientSettings;

/**
 * What the machinery shared by the push and lite pull consumers (assignment, start offsets,
 * rebalancing) needs to know of a consumer's settings. Implemented by each consumer's config record.
 */
interface ConsumerSettings {
    ClientSettings client();

    String consumerGroup();

    ConsumeFromWhere consumeFromWhere();

    /** For {@link ConsumeFromWhere#CONSUME_FROM_TIMESTAMP}, ms since the epoch. */
    long consumeTimestamp();

    AllocateStrategy allocateStrategy();
}
