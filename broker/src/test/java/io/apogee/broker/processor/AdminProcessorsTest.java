package io.apogee.broker.processor;

import static io.apogee.broker.processor.SendMessageProcessorTest.sendV2;
import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.KVTable;
import io.apogee.common.metadata.TopicConfig;
import io.apogee.remoting.protocol.header.AdminHeaders;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminProcessorsTest {
    /** One entry of a MessageQueue-keyed map in the official object-key form. */
    private static final Pattern QUEUE_ENTRY = Pattern.compile(
            "\\{\"brokerName\":\"broker-a\",\"queueId\":(\\d+),\"topic\":\"[^\"]*\"}:(\\{[^}]*}|-?\\d+)");

    @TempDir
    Path dir;
    private BrokerHarness broker;

    @BeforeEach
    void start() throws Exception {
        broker = new BrokerHarness(dir);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    /** queue id → the entry's value, as JSON text. */
    private static Map<Integer, String> queueEntries(byte[] body) {
        Map<Integer, String> entries = new TreeMap<>();
        Matcher m = QUEUE_ENTRY.matcher(new String(body, StandardCharsets.UTF_8));
        while (m.find()) {
            entries.put(Integer.parseInt(m.group(1)), m.group(2));
        }
        return entries;
    }

    private RemotingCommand createTopic(String topic, int queues) throws Exception {
        return broker.call(RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC, new AdminHeaders.CreateTopic(
                topic, "TBW102", queues, queues, 6, "SINGLE_TAG", 0, false, "+message.type=NORMAL", false)));
    }

    private RemotingCommand topicRequest(int code, String topic) throws Exception {
        return broker.call(RemotingCommand.request(code, new AdminHeaders.TopicRequest(topic, true)));
    }

    @Test
    void createsReadsAndDeletesATopic() throws Exception {
        assertThat(createTopic("admin_t", 3).code()).isEqualTo(ResponseCode.SUCCESS);

        RemotingCommand config = topicRequest(RequestCode.GET_TOPIC_CONFIG, "admin_t");
        assertThat(config.code()).isEqualTo(ResponseCode.SUCCESS);
        TopicConfig read = JsonBody.decode(config.body(), TopicConfig.class);
        assertThat(read.readQueueNums()).isEqualTo(3);
        assertThat(read.perm()).isEqualTo(6);
        assertThat(read.attributes()).containsEntry("message.type", "NORMAL");
        RemotingCommand all = broker.call(RemotingCommand.request(RequestCode.GET_ALL_TOPIC_CONFIG));
        assertThat(JSON.parseObject(all.body()).getJSONObject("topicConfigTable")).containsKey("admin_t");

        assertThat(topicRequest(RequestCode.DELETE_TOPIC_IN_BROKER, "admin_t").code()).isEqualTo(ResponseCode.SUCCESS);
        RemotingCommand gone = topicRequest(RequestCode.GET_TOPIC_CONFIG, "admin_t");
        assertThat(gone.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(gone.remark()).isEqualTo("topic[admin_t] not exist");
    }

    @Test
    void refusesToCreateOrDeleteSystemTopicsAndBadNames() throws Exception {
        RemotingCommand system = createTopic("SCHEDULE_TOPIC_XXXX", 1);
        assertThat(system.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(system.remark()).isEqualTo("The topic[SCHEDULE_TOPIC_XXXX] is conflict with system topic.");
        assertThat(createTopic("no spaces", 1).code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(topicRequest(RequestCode.DELETE_TOPIC_IN_BROKER, "TBW102").code())
                .isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(broker.context().topics().get("TBW102")).isNotNull();
    }

    @Test
    void reportsEachQueuesOffsetsInTopicStats() throws Exception {
        createTopic("stats_t", 2);
        for (int i = 0; i < 3; i++) {
            sendV2(broker, "stats_t", 1, "", new byte[] {1});
        }
        BrokerHarness.await(() -> broker.context().store().maxOffsetInQueue("stats_t", 1) == 3);

        RemotingCommand stats = topicRequest(RequestCode.GET_TOPIC_STATS_INFO, "stats_t");

        assertThat(stats.code()).isEqualTo(ResponseCode.SUCCESS);
        Map<Integer, String> queues = queueEntries(stats.body());
        assertThat(queues).containsOnlyKeys(0, 1);
        assertThat(JSON.parseObject(queues.get(0)).getLongValue("maxOffset")).isZero();
        JSONObject q1 = JSON.parseObject(queues.get(1));
        assertThat(q1.getLongValue("maxOffset")).isEqualTo(3);
        assertThat(q1.getLongValue("minOffset")).isZero();
        assertThat(q1.getLongValue("lastUpdateTimestamp")).isPositive();
        assertThat(new String(stats.body(), StandardCharsets.UTF_8)).endsWith(",\"topicPutTps\":0.0}");
        assertThat(topicRequest(RequestCode.GET_TOPIC_STATS_INFO, "missing").code())
                .isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
    }

    @Test
    void reportsAGroupsProgressInConsumeStatsAndResetsItsOffsets() throws Exception {
        createTopic("cs_t", 2);
        for (int i = 0; i < 4; i++) {
            sendV2(broker, "cs_t", 0, "", new byte[] {1});
        }
        BrokerHarness.await(() -> broker.context().store().maxOffsetInQueue("cs_t", 0) == 4);
        broker.context().groups().getOrCreate("cs_g");
        broker.context().offsets().commit("cs_g", "cs_t", 0, 1);

        RemotingCommand stats = broker.call(RemotingCommand.request(RequestCode.GET_CONSUME_STATS,
                new AdminHeaders.GetConsumeStats("cs_g", null, null)));

        assertThat(stats.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(new String(stats.body(), StandardCharsets.UTF_8)).startsWith("{\"consumeTps\":0.0,\"offsetTable\":{");
        JSONObject q0 = JSON.parseObject(queueEntries(stats.body()).get(0));
        assertThat(q0.getLongValue("brokerOffset")).isEqualTo(4);
        assertThat(q0.getLongValue("consumerOffset")).isEqualTo(1);
        assertThat(q0.getLongValue("lastTimestamp")).isPositive();

        RemotingCommand reset = broker.call(RemotingCommand.request(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET,
                new AdminHeaders.ResetOffset("cs_g", "cs_t", -1, -1L, -1L, true)));

        assertThat(reset.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(queueEntries(reset.body())).containsEntry(0, "4").containsEntry(1, "0");
        assertThat(broker.context().offsets().query("cs_g", "cs_t", 0)).isEqualTo(4);
        RemotingCommand unknownGroup = broker.call(RemotingCommand.request(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET,
                new AdminHeaders.ResetOffset("nobody", "cs_t", -1, -1L, -1L, true)));
        assertThat(unknownGroup.code()).isEqualTo(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);
    }

    @Test
    void createsReadsAndDeletesASubscriptionGroup() throws Exception {
        byte[] body = "{\"groupName\":\"sg\",\"retryMaxTimes\":5,\"consumeBroadcastEnable\":false}"
                .getBytes(StandardCharsets.UTF_8);
        RemotingCommand created = broker.call(RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP)
                .body(body));
        assertThat(created.code()).isEqualTo(ResponseCode.SUCCESS);

        RemotingCommand read = broker.call(RemotingCommand.request(RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG,
                new AdminHeaders.GroupRequest("sg")));
        JSONObject group = JSON.parseObject(read.body());
        assertThat(group.getIntValue("retryMaxTimes")).isEqualTo(5);
        assertThat(group.getBooleanValue("consumeEnable")).as("default kept").isTrue();
        assertThat(group.getIntValue("retryQueueNums")).as("default kept").isEqualTo(1);
        RemotingCommand all = broker.call(RemotingCommand.request(RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG));
        assertThat(JSON.parseObject(all.body()).getJSONObject("subscriptionGroupTable")).containsKey("sg");

        RemotingCommand deleted = broker.call(RemotingCommand.request(RequestCode.DELETE_SUBSCRIPTIONGROUP,
                new AdminHeaders.DeleteSubscriptionGroup("sg", true)));
        assertThat(deleted.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(broker.context().groups().get("sg")).isNull();
    }

    @Test
    void answersConsumerNotOnlineAndProducerNotExistForEmptyGroups() throws Exception {
        RemotingCommand consumers = broker.call(RemotingCommand.request(RequestCode.GET_CONSUMER_CONNECTION_LIST,
                new AdminHeaders.ConsumerGroupRequest("offline_g")));
        assertThat(consumers.code()).isEqualTo(ResponseCode.CONSUMER_NOT_ONLINE);
        assertThat(consumers.remark()).isEqualTo("the consumer group[offline_g] not online");

        RemotingCommand producers = broker.call(RemotingCommand.request(RequestCode.GET_PRODUCER_CONNECTION_LIST,
                new AdminHeaders.ProducerGroupRequest("nobody_pg")));
        assertThat(producers.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(producers.remark()).isEqualTo("the producer group[nobody_pg] not exist");
    }

    @Test
    void reportsRuntimeInfoWithTheKeysMqadminReads() throws Exception {
        for (int i = 0; i < 2; i++) {
            sendV2(broker, "rt_t", 0, "", new byte[] {1, 2});
        }

        RemotingCommand response = broker.call(RemotingCommand.request(RequestCode.GET_BROKER_RUNTIME_INFO));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        Map<String, String> table = JsonBody.decode(response.body(), KVTable.class).table();
        assertThat(table).containsEntry("brokerVersionDesc", "V5_3_3").containsEntry("brokerVersion", "479")
                .containsEntry("msgPutTotalTodayNow", "2").containsEntry("putMessageSizeTotal", "4")
                .containsEntry("brokerActive", "true");
        assertThat(Double.parseDouble(table.get("commitLogDiskRatio"))).isBetween(0.0, 1.0);
        assertThat(Long.parseLong(table.get("earliestMessageTimeStamp"))).isPositive();
        assertThat(Long.parseLong(table.get("commitLogMaxOffset"))).isPositive();
        assertThat(Double.parseDouble(table.get("putTps").split(" ")[0])).isPositive();
        assertThat(table.get("runtime")).startsWith("[ 0 days, ");
        assertThat(table).containsKeys("getTransferredTps", "sendThreadPoolQueueSize", "pullThreadPoolQueueSize",
                "sendThreadPoolQueueHeadWaitTimeMills", "pageCacheLockTimeMills", "bootTimestamp",
                "msgGetTotalTodayNow", "timerReadBehind", "commitLogDirCapacity");
    }

    @Test
    void readsAndUpdatesTheBrokerConfig() throws Exception {
        RemotingCommand before = broker.call(RemotingCommand.request(RequestCode.GET_BROKER_CONFIG));
        assertThat(before.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(JSON.parseObject(before.extField("version"))).containsKeys("counter", "timestamp");
        Properties read = new Properties();
        read.load(new StringReader(new String(before.body(), StandardCharsets.UTF_8)));
        assertThat(read.getProperty("brokerName")).isEqualTo("broker-a");
        assertThat(read.getProperty("maxMessageSize")).isEqualTo(Integer.toString(BrokerHarness.MAX_MESSAGE_SIZE));

        RemotingCommand update = broker.call(RemotingCommand.request(RequestCode.UPDATE_BROKER_CONFIG)
                .body("defaultQueryMaxNum=7\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(update.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(broker.context().config().defaultQueryMaxNum()).isEqualTo(7);
        RemotingCommand after = broker.call(RemotingCommand.request(RequestCode.GET_BROKER_CONFIG));
        assertThat(new String(after.body(), StandardCharsets.UTF_8)).contains("defaultQueryMaxNum=7\n");

        RemotingCommand black = broker.call(RemotingCommand.request(RequestCode.UPDATE_BROKER_CONFIG)
                .body("brokerConfigPath=/tmp/x\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(black.code()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(black.remark()).isEqualTo("Can not update config in black list.");
    }

    @Test
    void listsWhoConsumesATopicAndTheSystemTopics() throws Exception {
        createTopic("who_t", 1);
        broker.context().offsets().commit("who_g", "who_t", 0, 0);

        RemotingCommand who = topicRequest(RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, "who_t");
        assertThat(JSON.parseObject(who.body()).getJSONArray("groupList")).containsExactly("who_g");

        RemotingCommand system = broker.call(RemotingCommand.request(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER));
        assertThat(JSON.parseObject(system.body()).getJSONArray("topicList")).contains("TBW102", "SCHEDULE_TOPIC_XXXX")
                .doesNotContain("who_t");
    }
}
