package io.apogee.it.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.it.support.ApogeeBrokerProcess;
import io.apogee.it.support.ApogeeNamesrvProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The official 5.3.3 client against our broker for what waits: a delay level, a retry after
 * {@code RECONSUME_LATER}, and transactions (commit, rollback, and an unknown outcome settled by the
 * broker's check-back). The broker runs with level 2 = 5 s (as the default table) but every other level
 * 1 s, so retries come back quickly, and with a 1 s transaction check interval and timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DelayRetryTransactionOfficialTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String DELAY_LEVELS = "1s 5s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s";

    private ApogeeNamesrvProcess namesrv;
    private ApogeeBrokerProcess broker;
    private DefaultMQProducer producer;
    private final List<DefaultMQPushConsumer> consumers = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startApogee() throws Exception {
        namesrv = ApogeeNamesrvProcess.start();
        broker = ApogeeBrokerProcess.start("broker-a", namesrv.address(), Map.of("messageDelayLevel", DELAY_LEVELS,
                "transactionCheckInterval", "1000", "transactionTimeOut", "1000"));
        producer = new DefaultMQProducer("delay_producer");
        producer.setNamesrvAddr(namesrv.address());
        producer.start();
    }

    @AfterEach
    void stopConsumers() {
        consumers.forEach(DefaultMQPushConsumer::shutdown);
        consumers.clear();
    }

    @AfterAll
    void stopApogee() {
        if (producer != null) {
            producer.shutdown();
        }
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    private void consume(String group, String topic, MessageListenerConcurrently listener) throws Exception {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrv.address());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(listener);
        consumer.start();
        consumers.add(consumer);
    }

    @Test
    void aMessageWithDelayLevelTwoArrivesOnItsTopicFiveSecondsLater() throws Exception {
        Message message = new Message("DelayTopic", "T", "later".getBytes(StandardCharsets.UTF_8));
        message.setDelayTimeLevel(2);
        long sentAt = System.currentTimeMillis();
        SendResult sent = producer.send(message);
        assertThat(sent.getSendStatus()).isEqualTo(SendStatus.SEND_OK);

        List<Long> arrivals = new CopyOnWriteArrayList<>();
        List<MessageExt> received = new CopyOnWriteArrayList<>();
        consume("delay_group", "DelayTopic", (messages, context) -> {
            for (MessageExt m : messages) {
                arrivals.add(System.currentTimeMillis());
                received.add(m);
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });

        await().atMost(DEADLINE).until(() -> !received.isEmpty());
        assertThat(arrivals.get(0) - sentAt).isGreaterThanOrEqualTo(4_900);
        MessageExt m = received.get(0);
        assertThat(m.getTopic()).isEqualTo("DelayTopic");
        assertThat(m.getQueueId()).isEqualTo(sent.getMessageQueue().getQueueId());
        assertThat(m.getMsgId()).isEqualTo(sent.getMsgId());
        assertThat(new String(m.getBody(), StandardCharsets.UTF_8)).isEqualTo("later");
        assertThat(m.getProperty("DELAY")).isEqualTo("2");
        Thread.sleep(2_000);
        assertThat(received).hasSize(1);
    }

    @Test
    void aMessageConsumedWithReconsumeLaterComesBackOnceOnItsOwnTopic() throws Exception {
        SendResult sent = producer.send(new Message("RetryTopic", "T", "again".getBytes(StandardCharsets.UTF_8)));
        assertThat(sent.getSendStatus()).isEqualTo(SendStatus.SEND_OK);

        List<MessageExt> received = new CopyOnWriteArrayList<>();
        consume("retry_group", "RetryTopic", (messages, context) -> {
            received.addAll(messages);
            return messages.get(0).getReconsumeTimes() == 0 ? ConsumeConcurrentlyStatus.RECONSUME_LATER
                    : ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });

        await().atMost(DEADLINE).until(() -> received.size() >= 2);
        MessageExt retry = received.get(1);
        assertThat(retry.getReconsumeTimes()).isEqualTo(1);
        assertThat(retry.getTopic()).isEqualTo("RetryTopic");
        assertThat(retry.getMsgId()).isEqualTo(sent.getMsgId());
        assertThat(new String(retry.getBody(), StandardCharsets.UTF_8)).isEqualTo("again");
        Thread.sleep(3_000);
        assertThat(received).hasSize(2);
    }

    @Test
    void transactionsCommitRollBackAndSettleAnUnknownOutcomeThroughTheCheckBack() throws Exception {
        Set<String> checked = ConcurrentHashMap.newKeySet();
        TransactionMQProducer tx = new TransactionMQProducer("tx_producer");
        tx.setNamesrvAddr(namesrv.address());
        tx.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                return switch (msg.getKeys()) {
                    case "commit" -> LocalTransactionState.COMMIT_MESSAGE;
                    case "rollback" -> LocalTransactionState.ROLLBACK_MESSAGE;
                    default -> LocalTransactionState.UNKNOW;
                };
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                checked.add(msg.getKeys());
                return LocalTransactionState.COMMIT_MESSAGE;
            }
        });
        tx.start();
        try {
            for (String outcome : List.of("commit", "rollback", "unknown")) {
                Message message = new Message("TxTopic", "T", outcome, outcome.getBytes(StandardCharsets.UTF_8));
                TransactionSendResult sent = tx.sendMessageInTransaction(message, null);
                assertThat(sent.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            }
            Map<String, Integer> received = new ConcurrentHashMap<>();
            consume("tx_group", "TxTopic", (messages, context) -> {
                for (MessageExt m : messages) {
                    received.merge(m.getKeys(), 1, Integer::sum);
                }
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });

            await().atMost(DEADLINE).until(() -> received.containsKey("commit") && received.containsKey("unknown"));
            assertThat(checked).containsExactly("unknown");
            Thread.sleep(4_000);
            assertThat(received).containsOnlyKeys("commit", "unknown").containsEntry("commit", 1)
                    .containsEntry("unknown", 1);
        } finally {
            tx.shutdown();
        }
    }
}
