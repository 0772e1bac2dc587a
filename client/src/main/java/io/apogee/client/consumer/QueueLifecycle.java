package io.apogee.client.consumer;

/**
 * What a consumer does around the life of one assigned queue, beyond pulling it: the orderly push
 * consumer locks a queue on its broker before it starts and unlocks it when it goes. Called on the
 * consumer's control thread; implementations may block there briefly.
 */
interface QueueLifecycle {
    QueueLifecycle NONE = new QueueLifecycle() {
    };

    /** Before the start offset is read; throwing retries the start a second later. */
    default void beforeStart(QueueState state) throws Exception {
    }

    /** After the queue was taken away and its offset stored. */
    default void afterDrop(QueueState state) {
    }
}
