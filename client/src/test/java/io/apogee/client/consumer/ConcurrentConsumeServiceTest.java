package io.apogee.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.client.ReceivedMessage;
import io.apogee.remoting.protocol.body.MessageQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failed concurrent batches: sent back when the broker takes them, consumed again locally with a
 * higher count when it does not, and the queue's offset held below them until they are done.
 */
class ConcurrentConsumeServiceTest {
    private static final MessageQueue QUEUE = new MessageQueue("t", "broker-a", 0);

    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Integer> deliveries = new CopyOnWriteArrayList<>();
    private final List<Integer> sentBackLevels = new CopyOnWriteArrayList<>();
    /** Redeliveries wait for this, so that a test can look at the queue while they are pending. */
    private final CountDownLatch redeliveries = new CountDownLatch(1);

    @AfterEach
    void stop() {
        redeliveries.countDown();
        pool.shutdownNow();
        timer.shutdownNow();
    }

    private static ReceivedMessage message(long offset) {
        return new ReceivedMessage("t", 0, offset, "id" + offset, "0000000000000000", 0, 0, 0, 0, 0, Map.of(),
                new byte[1]);
    }

    /** A listener that fails every first delivery (asking for delay level 2) and accepts redeliveries. */
    private PushConsumerConfig config(MessageModel model) {
        return PushConsumer.builder().namesrvAddr("127.0.0.1:9876").consumerGroup("cg").clientIp("127.0.0.1")
                .subscribe("t", "*").messageModel(model).messageListenerConcurrently((messages, context) -> {
                    deliveries.add(messages.get(0).reconsumeTimes());
                    context.delayLevelWhenNextConsume(2);
                    if (messages.get(0).reconsumeTimes() == 0) {
                        throw new IllegalStateException("first delivery fails");
                    }
                    try {
                        redeliveries.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                }).config();
    }

    private QueueState startedQueue() {
        QueueState state = new QueueState(QUEUE);
        state.start(state.epoch(), 0);
        return state;
    }

    private void consume(ConcurrentConsumeService service, QueueState state, ProcessQueue process) {
        List<ReceivedMessage> pulled = List.of(message(0), message(1));
        process.add(pulled, 2);
        service.submit(state, state.epoch(), process, pulled);
    }

    @Test
    void aFailedMessageTheBrokerTakesBackNoLongerHoldsTheOffset() {
        SendBack broker = (from, message, level) -> sentBackLevels.add(level);
        ConcurrentConsumeService service = new ConcurrentConsumeService(config(MessageModel.CLUSTERING), broker,
                pool, timer, 10);
        QueueState state = startedQueue();
        ProcessQueue process = new ProcessQueue();

        consume(service, state, process);

        await().atMost(Duration.ofSeconds(10)).until(() -> state.consumedOffset() == 2);
        assertThat(deliveries).containsExactly(0, 0);
        assertThat(sentBackLevels).containsExactly(2, 2);
        assertThat(process.count()).isZero();
    }

    @Test
    void aMessageTheBrokerRefusesIsConsumedAgainLocallyAndHoldsTheOffsetUntilThen() {
        AtomicBoolean brokerUp = new AtomicBoolean(false);
        SendBack broker = (from, message, level) -> brokerUp.get();
        ConcurrentConsumeService service = new ConcurrentConsumeService(config(MessageModel.CLUSTERING), broker,
                pool, timer, 10);
        QueueState state = startedQueue();
        ProcessQueue process = new ProcessQueue();

        consume(service, state, process);

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() == 3);
        assertThat(state.consumedOffset()).isZero();
        assertThat(process.count()).isEqualTo(2);
        redeliveries.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() == 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> state.consumedOffset() == 2);
        assertThat(deliveries).containsExactlyInAnyOrder(0, 0, 1, 1);
        assertThat(process.count()).isZero();
    }

    @Test
    void broadcastingDropsAFailedMessageWithoutSendingItBack() {
        SendBack broker = (from, message, level) -> sentBackLevels.add(level);
        ConcurrentConsumeService service = new ConcurrentConsumeService(config(MessageModel.BROADCASTING), broker,
                pool, timer, 10);
        QueueState state = startedQueue();
        ProcessQueue process = new ProcessQueue();

        consume(service, state, process);

        await().atMost(Duration.ofSeconds(10)).until(() -> state.consumedOffset() == 2);
        assertThat(deliveries).containsExactly(0, 0);
        assertThat(sentBackLevels).isEmpty();
    }
}
