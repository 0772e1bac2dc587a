package io.apogee.client.producer;

import io.apogee.client.ClientException;
import io.apogee.client.Message;
import io.apogee.remoting.protocol.body.MessageQueue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends messages to the brokers of a RocketMQ-compatible cluster: synchronously, asynchronously,
 * oneway, in batches and in order. Built with {@link #builder()}; close it to leave the cluster.
 *
 * <pre>{@code
 * try (Producer producer = Producer.builder().namesrvAddr("127.0.0.1:9876").producerGroup("orders").build()) {
 *     SendResult result = producer.send(Message.builder().topic("Orders").tags("created").body(bytes).build());
 * }
 * }</pre>
 *
 * <p>A message that cannot be sent as it is (empty topic, empty body, body over {@code maxMessageSize})
 * is refused with an {@link IllegalArgumentException} before anything is sent. Failures of the send
 * itself are {@link ClientException}s ({@link io.apogee.client.BrokerException} when a broker answered
 * with an error). Thread-safe: share one producer between threads.
 */
public final class Producer implements AutoCloseable {
    private final ProducerCore core;

    private Producer(ProducerCore core) {
        this.core = core;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Producer}. Not thread-safe. */
    public static final class Builder extends ProducerBuilderBase<Builder> {
        private Builder() {
        }

        /**
         * Checks the settings and starts the producer (connections open on the first send).
         *
         * @throws IllegalArgumentException naming the first bad setting
         * @throws IllegalStateException when this client already has a producer of the group
         */
        public Producer build() {
            ProducerConfig config = config();
            return new Producer(new ProducerCore(config, faultStrategy(config), null));
        }
    }

    /**
     * Sends and waits for the broker's answer, retrying on another broker after a failure
     * ({@code retryTimesWhenSendFailed} times within {@code sendMsgTimeout}).
     */
    public SendResult send(Message message) {
        core.checkOpen();
        MessageValidator.check(message, core.config().maxMessageSize());
        PreparedMessage prepared = core.engine().requests().single(message, Map.of(), 0);
        return core.sendSync(prepared, core.config().retryTimesWhenSendFailed());
    }

    /**
     * Sends without waiting; the future completes on a client callback thread. Retries
     * {@code retryTimesWhenSendAsyncFailed} times.
     *
     * @throws IllegalArgumentException at once, for a message that cannot be sent
     */
    public CompletableFuture<SendResult> sendAsync(Message message) {
        return sendAsync(message, core.config().retryTimesWhenSendAsyncFailed());
    }

    private CompletableFuture<SendResult> sendAsync(Message message, int retries) {
        core.checkOpen();
        MessageValidator.check(message, core.config().maxMessageSize());
        PreparedMessage prepared = core.engine().requests().single(message, Map.of(), 0);
        return core.engine().send(prepared, retries, core.config().sendMsgTimeoutMillis());
    }

    /** Sends without any answer: fastest, and the caller never learns whether the message was stored. */
    public void sendOneway(Message message) {
        core.checkOpen();
        MessageValidator.check(message, core.config().maxMessageSize());
        PreparedMessage prepared = core.engine().requests().single(message, Map.of(), 0);
        TopicPublishInfo info = core.await(core.engine().publishInfo(message.topic()));
        try {
            core.engine().sendOneway(prepared, info, core.config().sendMsgTimeoutMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while sending oneway", e);
        }
    }

    /**
     * Sends messages of one topic as one request; they are stored in one queue with consecutive offsets.
     * The result's {@code msgId} joins the messages' unique keys with commas.
     *
     * @throws IllegalArgumentException for an empty batch, mixed topics, delayed messages, or an encoded
     *     batch over {@code maxMessageSize}
     */
    public SendResult send(List<Message> batch) {
        core.checkOpen();
        PreparedMessage prepared = core.engine().requests().batch(batch);
        return core.sendSync(prepared, core.config().retryTimesWhenSendFailed());
    }

    /** Sends a batch without waiting; see {@link #send(List)}. */
    public CompletableFuture<SendResult> sendAsync(List<Message> batch) {
        core.checkOpen();
        PreparedMessage prepared = core.engine().requests().batch(batch);
        return core.engine().send(prepared, core.config().retryTimesWhenSendAsyncFailed(),
                core.config().sendMsgTimeoutMillis());
    }

    /**
     * Sends to the queue {@code selector} picks, once: an ordered send is never retried on another
     * queue, since that would break the order.
     */
    public SendResult send(Message message, MessageQueueSelector selector, Object arg) {
        core.checkOpen();
        MessageValidator.check(message, core.config().maxMessageSize());
        TopicPublishInfo info = core.await(core.engine().publishInfo(message.topic()));
        MessageQueue queue = selector.select(info.queues(), message, arg);
        if (queue == null || !info.queues().contains(queue)) {
            throw new ClientException("the selector returned " + queue + ", which is not a writable queue of topic "
                    + message.topic());
        }
        PreparedMessage prepared = core.engine().requests().single(message, Map.of(), 0);
        return core.await(core.engine().sendTo(prepared, queue, core.config().sendMsgTimeoutMillis()));
    }

    /** The writable queues of {@code topic}, in the order selectors see them. */
    public List<MessageQueue> publishQueues(String topic) {
        MessageValidator.checkTopic(topic);
        return core.await(core.engine().publishInfo(topic)).queues();
    }

    public String producerGroup() {
        return core.config().producerGroup();
    }

    /** This producer's client id, {@code ip@instanceName}. */
    public String clientId() {
        return core.runtime().clientId();
    }

    /** Leaves the cluster (tells the brokers) and releases the client runtime. Idempotent. */
    @Override
    public void close() {
        core.close();
    }
}
