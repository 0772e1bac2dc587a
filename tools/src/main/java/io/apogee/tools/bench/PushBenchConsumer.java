package io.apogee.tools.bench;

import io.apogee.client.ReceivedMessage;
import io.apogee.client.consumer.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.PushConsumer;
import io.apogee.client.consumer.PushConsumerBuilder;
import java.util.function.Consumer;

/**
 * {@link BenchConsumer} on our {@link PushConsumer}: clustering, a concurrent listener on the consumer's
 * own threads ({@code consumeThreadMin/Max} = the run's consumer threads), every batch acknowledged.
 */
final class PushBenchConsumer implements BenchConsumer {
    private final PushConsumerBuilder builder;
    private final String topic;
    private PushConsumer consumer;

    PushBenchConsumer(PushConsumerBuilder builder, String topic) {
        this.builder = builder;
        this.topic = topic;
    }

    @Override
    public void start(Consumer<ReceivedMessage> listener, Consumer<Throwable> onError) {
        // The push consumer reports its own failures (pulls, rebalances) in the client log and retries.
        consumer = builder.subscribe(topic, "*").messageListenerConcurrently((messages, context) -> {
            messages.forEach(listener);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        }).build();
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
    }
}
