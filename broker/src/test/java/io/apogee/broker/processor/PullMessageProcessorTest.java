package io.apogee.broker.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageRecordDecoder;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.SubscriptionData;
import io.apogee.remoting.protocol.header.ConsumeHeaders;
import io.apogee.remoting.protocol.header.PullMessageResponseHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PullMessageProcessorTest {
    private static final String TOPIC = ConsumeTestBroker.TOPIC;
    private static final String GROUP = "cg_pull";
    /** What a lite-pull consumer sends: the subscription in the request. */
    private static final int LITE = PullSysFlag.SUBSCRIPTION | PullSysFlag.LITE_PULL;

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

    private static RemotingCommand pull(int queueId, long offset, int sysFlag, String subscription, long suspendMillis) {
        return RemotingCommand.request(RequestCode.PULL_MESSAGE, new ConsumeHeaders.PullMessage(GROUP, TOPIC, queueId,
                offset, 32, sysFlag, 0L, suspendMillis, subscription, 0L, "TAG", 262_144, null, null, "broker-a"));
    }

    private RemotingCommand call(RemotingCommand request) throws Exception {
        return broker.call(request);
    }

    private static PullMessageResponseHeader header(RemotingCommand response) throws Exception {
        return response.readHeader(PullMessageResponseHeader.class);
    }

    private static List<String> bodies(RemotingCommand response) {
        return MessageRecordDecoder.decodeAll(ByteBuffer.wrap(response.body())).stream()
                .map(m -> new String(m.body(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void foundMessagesDecodeToWhatWasStored() throws Exception {
        broker.put(TOPIC, 0, "m0", "TagA");
        broker.put(TOPIC, 0, "m1", null);
        broker.put(TOPIC, 0, "m2", "TagB");

        RemotingCommand response = call(pull(0, 0, LITE, "*", 0));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.remark()).isEqualTo("FOUND");
        PullMessageResponseHeader h = header(response);
        assertThat(h.suggestWhichBrokerId()).isZero();
        assertThat(h.nextBeginOffset()).isEqualTo(3);
        assertThat(h.minOffset()).isZero();
        assertThat(h.maxOffset()).isEqualTo(3);
        List<MessageRecord> records = MessageRecordDecoder.decodeAll(ByteBuffer.wrap(response.body()));
        assertThat(records).extracting(MessageRecord::queueOffset).containsExactly(0L, 1L, 2L);
        assertThat(records).extracting(m -> m.property("TAGS")).containsExactly("TagA", null, "TagB");
        assertThat(bodies(response)).containsExactly("m0", "m1", "m2");
    }

    @Test
    void litePullCodeIsServedLikePull() throws Exception {
        broker.put(TOPIC, 1, "lite", null);
        RemotingCommand request = pull(1, 0, LITE, "*", 0).code(RequestCode.LITE_PULL_MESSAGE);
        RemotingCommand response = call(request);
        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(bodies(response)).containsExactly("lite");
    }

    @Test
    void atTheEndOfTheQueueThereIsNoNewMessage() throws Exception {
        broker.put(TOPIC, 0, "m0", null);

        RemotingCommand response = call(pull(0, 1, LITE, "*", 0));

        assertThat(response.code()).isEqualTo(ResponseCode.PULL_NOT_FOUND);
        assertThat(response.remark()).isEqualTo("OFFSET_OVERFLOW_ONE");
        assertThat(header(response).nextBeginOffset()).isEqualTo(1);
        assertThat(header(response).maxOffset()).isEqualTo(1);
        assertThat(response.body()).isNull();
    }

    @Test
    void anOffsetBeyondTheQueueIsMovedBack() throws Exception {
        broker.put(TOPIC, 0, "m0", null);
        broker.put(TOPIC, 0, "m1", null);

        RemotingCommand beyond = call(pull(0, 10, LITE, "*", 0));
        assertThat(beyond.code()).isEqualTo(ResponseCode.PULL_OFFSET_MOVED);
        assertThat(beyond.remark()).isEqualTo("OFFSET_OVERFLOW_BADLY");
        assertThat(header(beyond).nextBeginOffset()).isEqualTo(2);

        RemotingCommand emptyQueue = call(pull(2, 5, LITE, "*", 0));
        assertThat(emptyQueue.code()).isEqualTo(ResponseCode.PULL_OFFSET_MOVED);
        assertThat(header(emptyQueue).nextBeginOffset()).isZero();
        RemotingCommand emptyFromZero = call(pull(2, 0, LITE, "*", 0));
        assertThat(emptyFromZero.code()).isEqualTo(ResponseCode.PULL_NOT_FOUND);
    }

    @Test
    void tagsAreFilteredByTheirHashCode() throws Exception {
        broker.put(TOPIC, 0, "a1", "TagA");
        broker.put(TOPIC, 0, "b1", "TagB");
        broker.put(TOPIC, 0, "a2", "TagA");

        RemotingCommand onlyA = call(pull(0, 0, LITE, "TagA", 0));
        assertThat(onlyA.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(bodies(onlyA)).containsExactly("a1", "a2");
        assertThat(header(onlyA).nextBeginOffset()).isEqualTo(3);

        RemotingCommand aOrB = call(pull(0, 0, LITE, "TagA || TagB", 0));
        assertThat(bodies(aOrB)).containsExactly("a1", "b1", "a2");

        RemotingCommand none = call(pull(0, 0, LITE, "TagC", 0));
        assertThat(none.code()).isEqualTo(ResponseCode.PULL_RETRY_IMMEDIATELY);
        assertThat(none.remark()).isEqualTo("NO_MATCHED_MESSAGE");
        assertThat(header(none).nextBeginOffset()).isEqualTo(3);
    }

    @Test
    void aPushPullUsesTheHeartbeatSubscription() throws Exception {
        broker.put(TOPIC, 0, "a1", "TagA");
        broker.put(TOPIC, 0, "b1", "TagB");
        RemotingCommand unknown = call(pull(0, 0, PullSysFlag.SUSPEND, null, 1_000));
        assertThat(unknown.code()).isEqualTo(ResponseCode.SUBSCRIPTION_NOT_EXIST);

        broker.call(ConsumeTestBroker.heartbeat("10.0.0.1@push", GROUP, SubscriptionData.ofTags(TOPIC, "TagB", 5)));

        RemotingCommand found = call(pull(0, 0, PullSysFlag.SUSPEND, null, 1_000));
        assertThat(found.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(bodies(found)).containsExactly("b1");

        RemotingCommand newer = RemotingCommand.request(RequestCode.PULL_MESSAGE, new ConsumeHeaders.PullMessage(GROUP,
                TOPIC, 0, 0L, 32, 0, 0L, 0L, null, 6L, "TAG", null, null, null, null));
        assertThat(call(newer).code()).isEqualTo(ResponseCode.SUBSCRIPTION_NOT_LATEST);
    }

    @Test
    void theCommitBitStoresTheGroupsOffset() throws Exception {
        broker.put(TOPIC, 0, "m0", null);
        RemotingCommand request = RemotingCommand.request(RequestCode.PULL_MESSAGE, new ConsumeHeaders.PullMessage(
                GROUP, TOPIC, 0, 0L, 32, LITE | PullSysFlag.COMMIT_OFFSET, 1L, 0L, "*", 0L, "TAG", null, null, null,
                null));

        assertThat(call(request).code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(broker.context().offsets().query(GROUP, TOPIC, 0)).isEqualTo(1);
    }

    @Test
    void anOperatorsResetMovesTheNextPullOnce() throws Exception {
        broker.put(TOPIC, 0, "m0", null);
        broker.put(TOPIC, 0, "m1", null);
        broker.context().offsets().reset(GROUP, TOPIC, 0, 1);

        RemotingCommand moved = call(pull(0, 0, LITE, "*", 0));
        assertThat(moved.code()).isEqualTo(ResponseCode.PULL_OFFSET_MOVED);
        assertThat(moved.remark()).isEqualTo("OFFSET_RESET");
        assertThat(header(moved).nextBeginOffset()).isEqualTo(1);

        assertThat(call(pull(0, 1, LITE, "*", 0)).code()).isEqualTo(ResponseCode.SUCCESS);
    }

    @Test
    void aSuspendedPullIsAnsweredWhenAMessageArrives() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<RemotingCommand> pending = broker.client().invokeAsync(broker.address(),
                pull(3, 0, LITE | PullSysFlag.SUSPEND, "*", 20_000), 30_000);

        broker.put(TOPIC, 3, "late", null);

        RemotingCommand response = pending.get(5, TimeUnit.SECONDS);
        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(bodies(response)).containsExactly("late");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aSuspendedPullIsAnsweredAtItsTimeout() throws Exception {
        long start = System.nanoTime();

        RemotingCommand response = broker.client().invokeAsync(broker.address(),
                pull(3, 0, LITE | PullSysFlag.SUSPEND, "*", 500), 10_000).get(5, TimeUnit.SECONDS);

        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(response.code()).isEqualTo(ResponseCode.PULL_NOT_FOUND);
        assertThat(header(response).nextBeginOffset()).isZero();
        assertThat(waited).as("held, then answered within a scan of its deadline")
                .isBetween(Duration.ofMillis(450), Duration.ofMillis(3_000));
    }

    @Test
    void badPullsGetTheirCodesAndTheBrokerKeepsServing() throws Exception {
        RemotingCommand missingOffset = RemotingCommand.request(RequestCode.PULL_MESSAGE)
                .putExtField("consumerGroup", GROUP).putExtField("topic", TOPIC).putExtField("queueId", "0");
        RemotingCommand missing = call(missingOffset);
        assertThat(missing.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(missing.remark()).contains("queueOffset");

        RemotingCommand badQueue = call(pull(ConsumeTestBroker.QUEUES, 0, LITE, "*", 0));
        assertThat(badQueue.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(badQueue.remark()).contains("queueId[4] is illegal");

        RemotingCommand noTopic = call(RemotingCommand.request(RequestCode.PULL_MESSAGE, new ConsumeHeaders.PullMessage(
                GROUP, "no_such_topic", 0, 0L, 32, LITE, 0L, 0L, "*", 0L, "TAG", null, null, null, null)));
        assertThat(noTopic.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);

        RemotingCommand sql = call(RemotingCommand.request(RequestCode.PULL_MESSAGE, new ConsumeHeaders.PullMessage(
                GROUP, TOPIC, 0, 0L, 32, LITE, 0L, 0L, "a > 1", 0L, "SQL92", null, null, null, null)));
        assertThat(sql.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);

        broker.put(TOPIC, 0, "still serving", null);
        assertThat(bodies(call(pull(0, 0, LITE, "*", 0)))).containsExactly("still serving");
    }
}
