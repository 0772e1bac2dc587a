package io.apogee.broker.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingVersion;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.CheckClientRequestBody;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.SubscriptionData;
import io.apogee.common.metadata.TopicConfig;
import io.apogee.remoting.protocol.header.ConsumeHeaders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientManageProcessorTest {
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
    void heartbeatRegistersTheGroupItsSubscriptionsAndCreatesItsRetryTopic() throws Exception {
        SubscriptionData sub = SubscriptionData.ofTags(ConsumeTestBroker.TOPIC, "TagA || TagB", 7);

        RemotingCommand response = broker.call(ConsumeTestBroker.heartbeat("10.0.0.1@1", "cg_hb", sub));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.version()).isEqualTo(RemotingVersion.CURRENT).isEqualTo(479);
        assertThat(response.extField("IS_SUPPORT_HEART_BEAT_V2")).isEqualTo("true");
        assertThat(response.extField("IS_SUB_CHANGE")).isEqualTo("true");
        assertThat(broker.context().groups().get("cg_hb")).isNotNull();
        TopicConfig retry = broker.context().topics().get("%RETRY%cg_hb");
        assertThat(retry).isNotNull();
        assertThat(retry.readQueueNums()).isEqualTo(1);
        assertThat(retry.perm()).isEqualTo(6);
        assertThat(broker.context().consumers().group("cg_hb").clientIds()).containsExactly("10.0.0.1@1");
        assertThat(broker.context().consumers().subscription("cg_hb", ConsumeTestBroker.TOPIC).tagsSet())
                .containsExactlyInAnyOrder("TagA", "TagB");
        assertThat(broker.context().producers().members("CLIENT_INNER_PRODUCER")).hasSize(1);
    }

    @Test
    void unregisterRemovesTheClientFromItsGroups() throws Exception {
        broker.call(ConsumeTestBroker.heartbeat("10.0.0.1@1", "cg_unreg",
                SubscriptionData.ofTags(ConsumeTestBroker.TOPIC, "*", 1)));

        RemotingCommand response = broker.call(RemotingCommand.request(RequestCode.UNREGISTER_CLIENT,
                new ConsumeHeaders.UnregisterClient("10.0.0.1@1", "CLIENT_INNER_PRODUCER", "cg_unreg")));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.extFields()).isEmpty();
        assertThat(broker.context().consumers().group("cg_unreg")).isNull();
        assertThat(broker.context().producers().members("CLIENT_INNER_PRODUCER")).isEmpty();
    }

    @Test
    void checkClientConfigAcceptsTagsAndRefusesSql92WhenPropertyFilteringIsOff() throws Exception {
        RemotingCommand tag = checkConfig(SubscriptionData.ofTags(ConsumeTestBroker.TOPIC, "TagA", 1));
        assertThat(tag.code()).isEqualTo(ResponseCode.SUCCESS);

        RemotingCommand sql = checkConfig(new SubscriptionData(ConsumeTestBroker.TOPIC, "a > 2", "SQL92", null, null, 1,
                false));
        assertThat(sql.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(sql.remark()).isEqualTo("The broker does not support consumer to filter message by SQL92");
    }

    private RemotingCommand checkConfig(SubscriptionData subscription) throws Exception {
        return broker.call(RemotingCommand.request(RequestCode.CHECK_CLIENT_CONFIG)
                .body(JsonBody.encode(new CheckClientRequestBody("10.0.0.1@1", "cg_check", subscription, null))));
    }

    @Test
    void aHeartbeatWithoutBodyIsAnErrorAndTheBrokerKeepsServing() throws Exception {
        RemotingCommand response = broker.call(RemotingCommand.request(RequestCode.HEART_BEAT));
        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).contains("empty");

        RemotingCommand next = broker.call(ConsumeTestBroker.heartbeat("10.0.0.1@1", "cg_after",
                SubscriptionData.ofTags(ConsumeTestBroker.TOPIC, "*", 1)));
        assertThat(next.code()).isEqualTo(ResponseCode.SUCCESS);
    }

    @Test
    void membersOfAClusteringGroupAreToldWhenAnotherMemberJoins() throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();
        NettyRemotingClient first = broker.newClient();
        try {
            first.registerProcessor(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (ctx, request) -> {
                notices.add(request.readHeader(ConsumeHeaders.NotifyConsumerIdsChanged.class).consumerGroup()
                        + (request.isOneway() ? "/oneway" : "/twoway"));
                return CompletableFuture.completedFuture(null);
            }, null);
            SubscriptionData sub = SubscriptionData.ofTags(ConsumeTestBroker.TOPIC, "*", 1);
            first.invokeSync(broker.address(), ConsumeTestBroker.heartbeat("10.0.0.1@first", "cg_notify", sub), 5_000);
            await().atMost(Duration.ofSeconds(5)).until(() -> !notices.isEmpty());
            notices.clear();

            broker.call(ConsumeTestBroker.heartbeat("10.0.0.2@second", "cg_notify", sub));

            await().atMost(Duration.ofSeconds(5)).until(() -> !notices.isEmpty());
            assertThat(notices).first().isEqualTo("cg_notify/oneway");
            assertThat(broker.context().consumers().group("cg_notify").clientIds())
                    .containsExactlyInAnyOrder("10.0.0.1@first", "10.0.0.2@second");
        } finally {
            first.shutdown();
        }
    }
}
