package io.apogee.bench.client;

import io.apogee.client.Message;
import io.apogee.client.ReceivedMessage;
import io.apogee.client.consumer.ConsumeFromWhere;
import io.apogee.client.consumer.LitePullConsumer;
import io.apogee.client.producer.Producer;
import io.apogee.client.producer.SendStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Our producer, with its default settings; and, until our push consumer exists, our lite pull consumer
 * polled by one thread as the stand-in for push consumption (named in the report).
 */
final class OursBenchClient implements BenchClient {
    private final String namesrvAddr;
    private final Producer producer;
    private LitePullConsumer consumer;
    private Thread poller;
    private volatile boolean polling;

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
        return "LitePullConsumer (stand-in: no push consumer yet)";
    }

    @Override
    public void send(String topic, byte[] body) {
        SendStatus status = producer.send(Message.builder().topic(topic).body(body).build()).status();
        if (status != SendStatus.SEND_OK) {
            throw new IllegalStateException("send status " + status);
        }
    }

    @Override
    public void startConsumer(String topic, String group, LongAdder received, AtomicLong firstNanos,
            AtomicLong lastNanos) {
        consumer = LitePullConsumer.builder().namesrvAddr(namesrvAddr).consumerGroup(group)
                .instanceName("client-bench-ours-consumer")
                .consumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET).build();
        consumer.subscribe(topic, "*");
        polling = true;
        poller = new Thread(() -> {
            while (polling) {
                List<ReceivedMessage> messages = consumer.poll(Duration.ofMillis(100));
                if (!messages.isEmpty()) {
                    long now = System.nanoTime();
                    firstNanos.compareAndSet(0, now);
                    lastNanos.set(now);
                    received.add(messages.size());
                }
            }
        }, "client-bench-poller");
        poller.start();
    }

    @Override
    public void stopConsumer() {
        if (consumer == null) {
            return;
        }
        polling = false;
        try {
            poller.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
        consumer = null;
    }

    @Override
    public void close() {
        stopConsumer();
        producer.close();
    }
}
