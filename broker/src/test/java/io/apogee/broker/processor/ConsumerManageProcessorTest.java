package io.apogee.broker.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.ConsumerListBody;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.LockBatchRequestBody;
import io.apogee.remoting.protocol.body.LockBatchResponseBody;
import io.apogee.remoting.protocol.body.MessageQueue;
import io.apogee.remoting.protocol.body.SubscriptionData;
import io.apogee.remoting.protocol.header.ConsumeHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumerManageProcessorTest {
    private static final String TOPIC = ConsumeTestBroker.TOPIC;

    @TempDir
    Path dir;
    private ConsumeTestBroker broker;

    @BeforeEach
    void start() throws Exception {
        broker = new ConsumeTestBroker(dir);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void listsTheClientIdsOfAGroupAndRefusesAnUnknownGroup() throws Exception {
        SubscriptionData sub = SubscriptionData.ofTags(TOPIC, "*", 1);
        broker.call(ConsumeTestBroker.heartbeat("10.0.0.1@a", "cg_list", sub));

        RemotingCommand response = broker.call(RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP,
                new ConsumeHeaders.GetConsumerListByGroup("cg_list")));
        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(JsonBody.decode(response.body(), ConsumerListBody.class).consumerIdList())
                .containsExactly("10.0.0.1@a");
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"consumerIdList\":[\"10.0.0.1@a\"]}");

        RemotingCommand unknown = broker.call(RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP,
                new ConsumeHeaders.GetConsumerListByGroup("nobody")));
        assertThat(unknown.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(unknown.remark()).isEqualTo("no consumer for this group, nobody");
    }

    @Test
    void anUncommittedQueueIsNotFoundUntilItsFirstMessageExists() throws Exception {
        RemotingCommand none = queryOffset("cg_off", 1);
        assertThat(none.code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
        assertThat(none.remark()).isEqualTo("Not found, V3_0_6_SNAPSHOT maybe this group consumer boot first");

        broker.put(TOPIC, 0, "elsewhere", null);
        broker.put(TOPIC, 1, "first", null);

        RemotingCommand zero = queryOffset("cg_off", 1);
        assertThat(zero.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(zero.readHeader(ConsumeHeaders.OffsetResult.class).offset()).isZero();
    }

    @Test
    void committedOffsetsAreReturnedAndOnewayUpdatesAreStored() throws Exception {
        broker.context().groups().getOrCreate("cg_commit");
        RemotingCommand update = broker.call(RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET,
                new ConsumeHeaders.UpdateConsumerOffset("cg_commit", TOPIC, 2, 42L, "broker-a")));
        assertThat(update.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(update.extFields()).isEmpty();
        assertThat(queryOffset("cg_commit", 2).readHeader(ConsumeHeaders.OffsetResult.class).offset()).isEqualTo(42);

        broker.client().invokeOneway(broker.address(), RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET,
                new ConsumeHeaders.UpdateConsumerOffset("cg_commit", TOPIC, 2, 43L, null)), 3_000);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> broker.context().offsets().query("cg_commit", TOPIC, 2) == 43);
    }

    @Test
    void anUpdateNeedsAKnownGroupAndTopicAndLeavesAPendingResetAlone() throws Exception {
        RemotingCommand noGroup = broker.call(RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET,
                new ConsumeHeaders.UpdateConsumerOffset("cg_missing", TOPIC, 0, 1L, null)));
        assertThat(noGroup.code()).isEqualTo(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);

        broker.context().groups().getOrCreate("cg_upd");
        RemotingCommand noTopic = broker.call(RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET,
                new ConsumeHeaders.UpdateConsumerOffset("cg_upd", "no_such_topic", 0, 1L, null)));
        assertThat(noTopic.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);

        broker.context().offsets().reset("cg_upd", TOPIC, 0, 5);
        RemotingCommand stale = broker.call(RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET,
                new ConsumeHeaders.UpdateConsumerOffset("cg_upd", TOPIC, 0, 99L, null)));
        assertThat(stale.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(stale.remark()).isEqualTo("Offset has been previously reset");
        assertThat(broker.context().offsets().query("cg_upd", TOPIC, 0)).isEqualTo(5);
    }

    @Test
    void aQueryWithoutTheRequiredQueueIdIsASystemError() throws Exception {
        RemotingCommand request = RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                .putExtField("consumerGroup", "g").putExtField("topic", TOPIC);
        RemotingCommand response = broker.call(request);
        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).contains("queueId");
        assertThat(queryOffset("g", 0).code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
    }

    @Test
    void aQueueLockIsHeldByOneClientUntilReleased() throws Exception {
        MessageQueue q0 = new MessageQueue(TOPIC, "broker-a", 0);
        MessageQueue q1 = new MessageQueue(TOPIC, "broker-a", 1);

        assertThat(lock("client-a", Set.of(q0))).containsExactly(q0);
        assertThat(lock("client-b", Set.of(q0, q1))).containsExactly(q1);
        assertThat(lock("client-a", Set.of(q0))).as("re-locking refreshes").containsExactly(q0);

        RemotingCommand unlock = broker.call(RemotingCommand.request(RequestCode.UNLOCK_BATCH_MQ)
                .body(JsonBody.encode(new LockBatchRequestBody("cg_lock", "client-a", false, Set.of(q0)))));
        assertThat(unlock.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(lock("client-b", Set.of(q0))).containsExactly(q0);
    }

    private Set<MessageQueue> lock(String clientId, Set<MessageQueue> queues) throws Exception {
        RemotingCommand response = broker.call(RemotingCommand.request(RequestCode.LOCK_BATCH_MQ)
                .extFields(new java.util.HashMap<>())
                .body(JsonBody.encode(new LockBatchRequestBody("cg_lock", clientId, false, queues))));
        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith("{\"lockOKMQSet\":[");
        return JsonBody.decode(response.body(), LockBatchResponseBody.class).lockOKMQSet();
    }

    private RemotingCommand queryOffset(String group, int queueId) throws Exception {
        return broker.call(RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET,
                new ConsumeHeaders.QueryConsumerOffset(group, TOPIC, queueId, null, "broker-a")));
    }
}
