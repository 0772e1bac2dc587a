package io.apogee.broker.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.broker.InProcessBroker;
import io.apogee.common.message.MessageIds;
import io.apogee.common.message.MessageProperties;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.metadata.TopicConfig;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.Permission;
import io.apogee.remoting.protocol.header.SendHeaders;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelayedDeliveryTest {
    private static final String SCHEDULE = "SCHEDULE_TOPIC_XXXX";

    @TempDir
    Path dir;

    private InProcessBroker start(String delayLevels) throws Exception {
        Properties p = new Properties();
        p.setProperty("messageDelayLevel", delayLevels);
        p.setProperty("flushDelayOffsetInterval", "200");
        InProcessBroker broker = new InProcessBroker(dir, p);
        broker.context().topics().update(TopicConfig.of("late", 4, Permission.READ_WRITE));
        return broker;
    }

    private static RemotingCommand send(InProcessBroker broker, String topic, int queueId, Map<String, String> props)
            throws Exception {
        SendMessageRequestHeaderV2 h = new SendMessageRequestHeaderV2().producerGroup("pg").topic(topic)
                .defaultTopic("TBW102").defaultTopicQueueNums(4).queueId(queueId).sysFlag(0)
                .bornTimestamp(System.currentTimeMillis()).flag(0).properties(MessageProperties.encode(props))
                .reconsumeTimes(0).unitMode(false).batch(false);
        return broker.call(RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, h)
                .body("later".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void parksADelayedSendInItsLevelQueueAndDeliversItToTheRealQueueWhenDue() throws Exception {
        try (InProcessBroker broker = start("1s 2s 3s")) {
            long sentAt = System.currentTimeMillis();
            RemotingCommand response = send(broker, "late", 3, Map.of("DELAY", "2", "TAGS", "t"));

            assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(response.extField("queueId")).isEqualTo("3");
            MessageRecord parked = broker.context().store()
                    .lookMessageByOffset(MessageIds.decode(response.extField("msgId")).offset());
            assertThat(parked.topic()).isEqualTo(SCHEDULE);
            assertThat(parked.queueId()).isEqualTo(1);
            assertThat(parked.propertyMap()).containsEntry("REAL_TOPIC", "late").containsEntry("REAL_QID", "3");

            assertThat(InProcessBroker.await(5_000, () -> broker.messages("late", 3).size() == 1)).isTrue();
            long deliveredAfter = System.currentTimeMillis() - sentAt;
            assertThat(deliveredAfter).isGreaterThanOrEqualTo(1_900);
            MessageRecord delivered = broker.messages("late", 3).get(0);
            assertThat(delivered.body()).isEqualTo("later".getBytes(StandardCharsets.UTF_8));
            assertThat(delivered.propertyMap()).containsEntry("DELAY", "2").containsEntry("REAL_TOPIC", "late")
                    .containsEntry("TAGS", "t").containsEntry("UNIQ_KEY", parked.property("UNIQ_KEY"));
            assertThat(delivered.storeTimestamp()).isGreaterThan(parked.storeTimestamp());
        }
    }

    @Test
    void capsALevelAboveTheTableAtTheLastLevel() throws Exception {
        try (InProcessBroker broker = start("1s 2s")) {
            RemotingCommand response = send(broker, "late", 0, Map.of("DELAY", "9"));

            MessageRecord parked = broker.context().store()
                    .lookMessageByOffset(MessageIds.decode(response.extField("msgId")).offset());
            assertThat(parked.queueId()).isEqualTo(1);
            assertThat(parked.property("DELAY")).isEqualTo("2");
        }
    }

    @Test
    void keepsItsProgressAcrossARestartSoNothingIsDeliveredTwiceOrLost() throws Exception {
        try (InProcessBroker broker = start("1s 1s")) {
            send(broker, "late", 0, Map.of("DELAY", "1"));
            assertThat(InProcessBroker.await(5_000, () -> broker.messages("late", 0).size() == 1)).isTrue();
        }
        assertThat(Files.readString(dir.resolve("config/delayOffset.json"))).contains("1:1");
        try (InProcessBroker broker = start("1s 1s")) {
            send(broker, "late", 0, Map.of("DELAY", "1"));
            assertThat(InProcessBroker.await(5_000, () -> broker.messages("late", 0).size() == 2)).isTrue();
            Thread.sleep(1_500);
            List<MessageRecord> delivered = broker.messages("late", 0);
            assertThat(delivered).hasSize(2);
            assertThat(delivered.get(0).property("UNIQ_KEY")).isNotEqualTo(delivered.get(1).property("UNIQ_KEY"));
        }
    }

    @Test
    void sendBackParksTheRetryAtLevelThreePlusReconsumeTimesAndDeliversItToTheRetryTopic() throws Exception {
        try (InProcessBroker broker = start("1s 1s 1s 1s 1s")) {
            RemotingCommand sent = send(broker, "late", 0, Map.of("KEYS", "k"));
            long offset = MessageIds.decode(sent.extField("msgId")).offset();

            RemotingCommand back = broker.call(RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK,
                    new SendHeaders.ConsumerSendMsgBack(offset, "cg", 0, null, "late", false, 16, null)));

            assertThat(back.code()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(InProcessBroker.await(5_000, () -> broker.messages(SCHEDULE, 2).size() == 1)).isTrue();
            MessageRecord parked = broker.messages(SCHEDULE, 2).get(0);
            assertThat(parked.propertyMap()).containsEntry("DELAY", "3").containsEntry("REAL_TOPIC", "%RETRY%cg")
                    .containsEntry("RETRY_TOPIC", "late");
            assertThat(parked.reconsumeTimes()).isEqualTo(1);
            assertThat(InProcessBroker.await(5_000, () -> broker.messages("%RETRY%cg", 0).size() == 1)).isTrue();
            MessageRecord retry = broker.messages("%RETRY%cg", 0).get(0);
            assertThat(retry.reconsumeTimes()).isEqualTo(1);
            assertThat(retry.propertyMap()).containsEntry("KEYS", "k").containsEntry("RETRY_TOPIC", "late");
        }
    }

    @Test
    void deadLettersAreStoredAtOnceWithoutADelay() throws Exception {
        try (InProcessBroker broker = start("1s")) {
            RemotingCommand sent = send(broker, "late", 0, Map.of("KEYS", "k"));
            long offset = MessageIds.decode(sent.extField("msgId")).offset();

            broker.call(RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK,
                    new SendHeaders.ConsumerSendMsgBack(offset, "cg", -1, null, "late", false, 16, null)));

            assertThat(InProcessBroker.await(5_000, () -> broker.messages("%DLQ%cg", 0).size() == 1)).isTrue();
            assertThat(broker.messages("%DLQ%cg", 0).get(0).property("DELAY")).isNull();
        }
    }
}
