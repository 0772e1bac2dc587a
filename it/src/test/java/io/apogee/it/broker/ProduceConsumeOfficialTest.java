package io.apogee.it.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.it.support.ApogeeBrokerProcess;
import io.apogee.it.support.ApogeeNamesrvProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The official 5.3.3 producer and consumers against our name server and broker, both started from
 * the distribution: 10,000 messages with unicode keys, tags and user properties, bodies from 1 byte
 * to nearly 4 MiB, sent sync, async, oneway and in batches, must each arrive byte-exact and exactly
 * once at a push consumer and at a lite-pull consumer of another group.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProduceConsumeOfficialTest {
    private static final int MESSAGES = 10_000;
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final String TOPIC = "ProduceConsumeTopic";

    private ApogeeNamesrvProcess namesrv;
    private ApogeeBrokerProcess broker;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeAll
    void startApogee() throws Exception {
        namesrv = ApogeeNamesrvProcess.start();
        broker = ApogeeBrokerProcess.start("broker-a", namesrv.address(), Map.of());
    }

    @AfterAll
    void stopApogee() {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    /** The body of message {@code seq}: mostly small random bytes, every 1000th nearly 4 MiB. */
    private static byte[] body(int seq) {
        if (seq % 1000 == 999) {
            byte[] big = new byte[4 * 1024 * 1024 - 4096];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) ((i * 31 + seq) % 251);
            }
            return big;
        }
        byte[] small = new byte[1 + (seq % 97) * 13];
        new Random(seq).nextBytes(small);
        return small;
    }

    private static Message message(int seq) {
        Message message = new Message(TOPIC, (seq % 3 == 0 ? "A" : seq % 3 == 1 ? "B" : "C"),
                "ключ-" + seq + " 键" + seq, body(seq));
        message.putUserProperty("seq", Integer.toString(seq));
        message.putUserProperty("note", "ünïcødé ✓ " + seq);
        return message;
    }

    @Test
    void everyMessageArrivesExactlyOnceAtPushAndLitePullConsumers() throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("pc_producer");
        producer.setNamesrvAddr(namesrv.address());
        producer.setSendMsgTimeout(10_000);
        producer.start();
        clients.add(producer::shutdown);

        ConcurrentMap<Integer, AtomicInteger> pushed = new ConcurrentHashMap<>();
        List<String> corrupt = new java.util.concurrent.CopyOnWriteArrayList<>();
        DefaultMQPushConsumer push = new DefaultMQPushConsumer("pc_push");
        push.setNamesrvAddr(namesrv.address());
        push.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        push.subscribe(TOPIC, "*");
        push.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt message : messages) {
                record(message, pushed, corrupt);
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });

        // Sync sends from several threads: 7,000 messages.
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<Future<?>> sends = new ArrayList<>();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            sends.add(senders.submit(() -> {
                for (int seq = thread; seq < 7000; seq += 4) {
                    try {
                        SendResult result = producer.send(message(seq));
                        if (result.getSendStatus() != SendStatus.SEND_OK) {
                            failures.add(seq + ": " + result.getSendStatus());
                        }
                    } catch (Exception e) {
                        failures.add(seq + ": " + e);
                    }
                }
                return null;
            }));
        }
        for (Future<?> send : sends) {
            send.get(5, TimeUnit.MINUTES);
        }
        senders.shutdown();

        // Async: 1,000 messages.
        CountDownLatch asyncDone = new CountDownLatch(1000);
        for (int seq = 7000; seq < 8000; seq++) {
            int s = seq;
            producer.send(message(seq), new SendCallback() {
                @Override
                public void onSuccess(SendResult result) {
                    asyncDone.countDown();
                }

                @Override
                public void onException(Throwable e) {
                    failures.add(s + ": " + e);
                    asyncDone.countDown();
                }
            });
        }
        assertThat(asyncDone.await(2, TimeUnit.MINUTES)).isTrue();

        // Oneway: 1,000 messages.
        for (int seq = 8000; seq < 9000; seq++) {
            producer.sendOneway(message(seq));
        }

        // Batches of 50 (batches are never compressed, so only small bodies go in them): 1,000 messages.
        for (int start = 9000; start < 10_000; start += 50) {
            List<Message> batch = new ArrayList<>();
            for (int seq = start; seq < start + 50; seq++) {
                batch.add(seq % 1000 == 999 ? smallVariant(seq) : message(seq));
            }
            SendResult result = producer.send(batch);
            if (result.getSendStatus() != SendStatus.SEND_OK) {
                failures.add("batch " + start + ": " + result.getSendStatus());
            }
        }
        assertThat(failures).as("send failures").isEmpty();

        push.start();
        clients.add(push::shutdown);

        ConcurrentMap<Integer, AtomicInteger> pulled = new ConcurrentHashMap<>();
        DefaultLitePullConsumer lite = new DefaultLitePullConsumer("pc_lite");
        lite.setNamesrvAddr(namesrv.address());
        lite.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        lite.subscribe(TOPIC, "*");
        lite.start();
        clients.add(lite::shutdown);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (pulled.size() < MESSAGES && System.nanoTime() < deadline) {
            for (MessageExt message : lite.poll(1000)) {
                record(message, pulled, corrupt);
            }
        }

        await().atMost(DEADLINE).until(() -> pushed.size() >= MESSAGES);
        assertThat(corrupt).as("messages that arrived different from what was sent").isEmpty();
        assertThat(pushed).as("push consumer").hasSize(MESSAGES);
        assertThat(pulled).as("lite pull consumer").hasSize(MESSAGES);
        assertThat(duplicates(pushed)).as("duplicates at the push consumer").isZero();
        assertThat(duplicates(pulled)).as("duplicates at the lite pull consumer").isZero();
    }

    private static Message smallVariant(int seq) {
        Message message = message(seq);
        message.setBody(("small " + seq).getBytes(StandardCharsets.UTF_8));
        return message;
    }

    private static void record(MessageExt message, ConcurrentMap<Integer, AtomicInteger> seen, List<String> corrupt) {
        String seqText = message.getUserProperty("seq");
        if (seqText == null) {
            corrupt.add("no seq: " + message);
            return;
        }
        int seq = Integer.parseInt(seqText);
        Message expected = seq >= 9000 && seq % 1000 == 999 ? smallVariant(seq) : message(seq);
        if (!Arrays.equals(expected.getBody(), message.getBody())) {
            corrupt.add(seq + ": body differs (" + message.getBody().length + " bytes)");
        } else if (!expected.getTags().equals(message.getTags()) || !expected.getKeys().equals(message.getKeys())
                || !expected.getUserProperty("note").equals(message.getUserProperty("note"))) {
            corrupt.add(seq + ": tags/keys/properties differ: " + message.getProperties());
        }
        seen.computeIfAbsent(seq, s -> new AtomicInteger()).incrementAndGet();
    }

    private static long duplicates(Map<Integer, AtomicInteger> seen) {
        return seen.values().stream().mapToInt(AtomicInteger::get).filter(n -> n > 1).count();
    }
}
