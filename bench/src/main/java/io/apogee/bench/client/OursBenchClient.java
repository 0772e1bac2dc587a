package io.apogee.bench.client;

import io.apogee.client.Message;
import io.apogee.client.consumer.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.ConsumeFromWhere;
import io.apogee.client.consumer.PushConsumer;
import io.apogee.client.producer.Producer;
import io.apogee.client.producer.SendStatus;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Our producer and push consumer, with their default settings (20 consume threads, batches of one). */
final class OursBenchClient implements BenchClient {
    private final String namesrvAddr;
    private final Producer producer;
    private PushConsumer consumer;

    OursBenchClient(String namesrvAddr) {
        this.namesrvAddr = namesrvAddr;
        producer = Producer.builder().namesrvAddr(namesrvAddr).producerGroup("client_bench_ours")
                .instanceName("client-bench-ours").sendMsgTimeout(10_000).build();
    }

    @Override
    public String name() {
        return "apogee";
    }

    @Override
    public String consumerKind() {
        return "PushConsumer";
    }

    @Override
    public void send(String topic, byte[] body) {
        SendStatus status = producer.send(Message.builder().topic(topic).wrapBody(body).build()).status();
        if (status != SendStatus.SEND_OK) {
            throw new IllegalStateException("send status " + status);
        }
    }

    @Override
    public void startConsumer(String topic, String group, LongAdder received, AtomicLong firstNanos,
            AtomicLong lastNanos) {
        consumer = PushConsumer.builder().namesrvAddr(namesrvAddr).consumerGroup(group)
                .instanceName("client-bench-ours-consumer").subscribe(topic, "*")
                .consumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET)
                .messageListenerConcurrently((messages, context) -> {
                    long now = System.nanoTime();
                    firstNanos.compareAndSet(0, now);
                    lastNanos.set(now);
                    received.add(messages.size());
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                }).build();
    }

    @Override
    public void stopConsumer() {
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
    }

    @Override
    public void close() {
        stopConsumer();
        producer.close();
    }
}
