package io.apogee.bench.client;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;

/** The official 5.3.3 DefaultMQProducer and DefaultMQPushConsumer, with their default settings. */
final class OfficialBenchClient implements BenchClient {
    private final String namesrvAddr;
    private final DefaultMQProducer producer;
    private DefaultMQPushConsumer consumer;

    OfficialBenchClient(String namesrvAddr) throws MQClientException {
        this.namesrvAddr = namesrvAddr;
        producer = new DefaultMQProducer("client_bench_official");
        producer.setNamesrvAddr(namesrvAddr);
        producer.setInstanceName("client-bench-official");
        producer.setSendMsgTimeout(10_000);
        producer.start();
    }

    @Override
    public String name() {
        return "official";
    }

    @Override
    public String consumerKind() {
        return "DefaultMQPushConsumer";
    }

    @Override
    public void send(String topic, byte[] body) throws Exception {
        SendStatus status = producer.send(new Message(topic, body)).getSendStatus();
        if (status != SendStatus.SEND_OK) {
            throw new IllegalStateException("send status " + status);
        }
    }

    @Override
    public void startConsumer(String topic, String group, LongAdder received, AtomicLong firstNanos,
            AtomicLong lastNanos) throws Exception {
        consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrvAddr);
        consumer.setInstanceName("client-bench-official-consumer");
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            long now = System.nanoTime();
            firstNanos.compareAndSet(0, now);
            lastNanos.set(now);
            received.add(messages.size());
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
    }

    @Override
    public void stopConsumer() {
        if (consumer != null) {
            consumer.shutdown();
            consumer = null;
        }
    }

    @Override
    public void close() {
        stopConsumer();
        producer.shutdown();
    }
}
