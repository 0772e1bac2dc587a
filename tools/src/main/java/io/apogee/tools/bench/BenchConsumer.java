package io.apogee.tools.bench;

import io.apogee.client.ReceivedMessage;
import java.util.function.Consumer;

/**
 * A consumer of the run's topic that hands every received message to a listener, on its own threads,
 * until closed. Keeps the consume side independent of which client consumer backs it.
 */
interface BenchConsumer extends AutoCloseable {
    /**
     * Subscribes to the topic (all tags) and starts delivering to {@code listener}; failures of the
     * consumer itself (not of the listener) go to {@code onError}.
     */
    void start(Consumer<ReceivedMessage> listener, Consumer<Throwable> onError);

    /** Stops delivering and leaves the group; bounded. */
    @Override
    void close();
}
