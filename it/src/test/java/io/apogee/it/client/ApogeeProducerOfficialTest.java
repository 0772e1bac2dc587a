package io.apogee.it.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.client.Message;
import io.apogee.client.ReceivedMessage;
import io.apogee.client.producer.LocalTransactionState;
import io.apogee.client.producer.SendStatus;
import io.apogee.client.producer.TransactionListener;
import io.apogee.client.producer.TransactionProducer;
import io.apogee.client.producer.TransactionSendResult;
import io.apogee.it.support.OfficialBrokerProcess;
import io.apogee.it.support.OfficialNamesrvProcess;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our producer against the official 5.3.3 name server and broker (the sends of {@link ProducerInterop}),
 * and transactions: commit, rollback, and an unknown outcome resolved by answering the official
 * broker's {@code CHECK_TRANSACTION_STATE}.
 */
class ApogeeProducerOfficialTest extends ProducerInterop {
    private OfficialNamesrvProcess namesrv;
    private OfficialBrokerProcess broker;

    @Override
    String namesrvAddress() {
        return namesrv.address();
    }

    @BeforeAll
    void startOfficialCluster() throws Exception {
        namesrv = OfficialNamesrvProcess.start();
        // Quick transaction checks, so that an unknown outcome is asked about within seconds.
        broker = OfficialBrokerProcess.start("ApogeeClientCluster", "broker-a", namesrv.address(),
                Map.of("transactionCheckInterval", "2000", "transactionTimeOut", "1000"));
        awaitTemplateRoute();
    }

    @AfterAll
    void stopOfficialCluster() {
        closeClients();
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    @Test
    void transactionsCommitRollBackAndAnswerTheBrokersCheck() throws Exception {
        String topic = "ApogeeClientTx";
        List<String> checkedIds = new CopyOnWriteArrayList<>();
        TransactionListener listener = new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message message, Object arg) {
                return switch (new String(message.body(), StandardCharsets.UTF_8)) {
                    case "commit" -> LocalTransactionState.COMMIT_MESSAGE;
                    case "rollback" -> LocalTransactionState.ROLLBACK_MESSAGE;
                    default -> LocalTransactionState.UNKNOW;
                };
            }

            @Override
            public LocalTransactionState checkLocalTransaction(ReceivedMessage message) {
                checkedIds.add(message.msgId());
                return "unknown".equals(new String(message.body(), StandardCharsets.UTF_8))
                        ? LocalTransactionState.COMMIT_MESSAGE : LocalTransactionState.ROLLBACK_MESSAGE;
            }
        };
        TransactionProducer producer = TransactionProducer.builder().namesrvAddr(namesrvAddress())
                .producerGroup("apogee_it_txpg").clientIp("127.0.0.1").sendMsgTimeout(10_000)
                .transactionListener(listener).build();
        clients.add(producer);

        Map<String, TransactionSendResult> sent = new ConcurrentHashMap<>();
        for (String outcome : List.of("commit", "rollback", "unknown")) {
            TransactionSendResult result = producer.sendInTransaction(message(topic, outcome, text(outcome)), null);
            assertThat(result.sendResult().status()).isEqualTo(SendStatus.SEND_OK);
            sent.put(outcome, result);
        }
        assertThat(sent.get("unknown").localTransactionState()).isEqualTo(LocalTransactionState.UNKNOW);

        Map<String, MessageExt> received = consume("apogee_it_txcg", topic, Set.of("commit", "unknown"),
                // A check-back is at-least-once: a broker that checks again before it has applied the
                // first answer commits a second copy of the half message.
                Set.of("unknown"));

        assertThat(received).containsOnlyKeys("commit", "unknown");
        assertThat(received.get("unknown").getMsgId()).isEqualTo(sent.get("unknown").sendResult().msgId());
        assertThat(checkedIds).contains(sent.get("unknown").sendResult().msgId());
        assertThat(received.get("commit").getBody()).isEqualTo(text("commit"));
    }

}
