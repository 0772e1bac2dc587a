package io.apogee.client.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.apogee.client.ClientException;
import io.apogee.client.ClusterFixture;
import io.apogee.remoting.protocol.body.QueueData;
import io.apogee.remoting.protocol.body.TopicRouteData;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.protocol.body.ConsumerData;
import io.apogee.remoting.protocol.body.SubscriptionData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client identity, name-server rotation and route lookups with the TBW102 fallback. */
class RuntimeTest {
    @TempDir
    Path dir;

    @Test
    void clientIdIsIpAtInstanceWithOptionalUnit() {
        assertThat(ClientId.of("10.0.0.7", "42#99", null)).isEqualTo("10.0.0.7@42#99");
        assertThat(ClientId.of("10.0.0.7", "i", "unit")).isEqualTo("10.0.0.7@i@unit");
        assertThat(ClientId.of("fd00::1", "i", null)).isEqualTo("[fd00::1]@i");
        assertThat(ClientId.uniqueInstanceName("DEFAULT")).matches(ProcessHandle.current().pid() + "#\\d+");
        assertThat(ClientId.uniqueInstanceName("mine")).isEqualTo("mine");
    }

    @Test
    void nameServersAreUsedOneAtATimeAndLeftOnlyOnFailure() {
        NameServerList list = new NameServerList(List.of("a:1", "b:2", "c:3"));
        String first = list.current();
        assertThat(list.current()).isEqualTo(first);

        String second = list.moveOn(first);
        assertThat(second).isNotEqualTo(first);
        // A late report about the server already left does not skip the next one.
        assertThat(list.moveOn(first)).isEqualTo(second);
        String third = list.moveOn(second);
        assertThat(Set.of(first, second, third)).hasSize(3);
        assertThat(list.moveOn(third)).isEqualTo(first);
    }

    @Test
    void anUnknownTopicGetsTheTemplatesBrokersWithFourQueuesAndAKnownOneItsOwnRoute() throws Exception {
        try (ClusterFixture cluster = new ClusterFixture(dir, "broker-a")) {
            ClientSettings settings = ClientSettings.of(cluster.namesrvAddr(), "127.0.0.1", "route_test", null, 30_000,
                    30_000, 3_000, null, null);
            ClientRuntime runtime = ClientRuntimes.acquire(settings, "127.0.0.1@route_test");
            try {
                TopicRouteData derived = runtime.routes().publishRoute("client_route_unknown").get(10, TimeUnit.SECONDS);
                assertThat(derived.queueDatas()).extracting(QueueData::brokerName).containsExactly("broker-a");
                assertThat(derived.queueDatas().get(0).writeQueueNums()).isEqualTo(4);
                assertThat(derived.queueDatas().get(0).readQueueNums()).isEqualTo(4);
                assertThat(runtime.routes().table().masterAddr("broker-a"))
                        .isEqualTo("127.0.0.1:" + cluster.broker("broker-a").port());

                // Without the fallback (a consumer's lookup), an unknown topic has no route.
                assertThatThrownBy(() -> runtime.routes().refresh("client_route_unknown2", false).join())
                        .isInstanceOf(CompletionException.class).hasCauseInstanceOf(ClientException.class)
                        .hasMessageContaining("No route info of this topic");

                TopicRouteData own = runtime.routes().refresh(cluster.broker("broker-a").context().config().brokerName(),
                        false).get(10, TimeUnit.SECONDS);
                assertThat(own.queueDatas()).hasSize(1);
            } finally {
                ClientRuntimes.release(runtime);
            }
        }
    }

    @Test
    void aPollReplacesTheTemplateDerivedRouteWithTheTopicsOwnAndHooksSeeEveryRequest() throws Exception {
        AtomicInteger hooked = new AtomicInteger();
        RpcHook hook = (address, request) -> hooked.incrementAndGet();
        try (ClusterFixture cluster = new ClusterFixture(dir, "broker-a")) {
            ClientSettings settings = ClientSettings.of(cluster.namesrvAddr(), "127.0.0.1", "poll_test", null, 200,
                    30_000, 3_000, false, hook);
            ClientRuntime runtime = ClientRuntimes.acquire(settings, "127.0.0.1@poll_test");
            try {
                runtime.registerProducer(new ProducerMember() {
                    @Override
                    public String group() {
                        return "poll_pg";
                    }

                    @Override
                    public Set<String> publishedTopics() {
                        return Set.of("client_poll_t");
                    }
                });
                TopicRouteData derived = runtime.routes().publishRoute("client_poll_t").get(10, TimeUnit.SECONDS);
                assertThat(derived.queueDatas().get(0).perm()).as("TBW102's perm, inherit included").isEqualTo(7);

                // The broker creates the topic (as on a first send) and registers it; the next poll finds it.
                cluster.broker("broker-a").context().topics().createFromTemplate("client_poll_t", "TBW102", 4);
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        runtime.routes().table().route("client_poll_t").queueDatas().get(0).perm() == 6);
                assertThat(hooked.get()).isGreaterThanOrEqualTo(3);
            } finally {
                runtime.unregisterProducer("poll_pg");
                ClientRuntimes.release(runtime);
            }
        }
    }

    @Test
    void aConsumerMemberIsHeartbeatedAndHearsMembershipNotices() throws Exception {
        AtomicInteger notices = new AtomicInteger();
        try (ClusterFixture cluster = new ClusterFixture(dir, "broker-a")) {
            ClientSettings settings = ClientSettings.of(cluster.namesrvAddr(), "127.0.0.1", "consumer_test", null,
                    30_000, 30_000, 3_000, null, null);
            ClientRuntime runtime = ClientRuntimes.acquire(settings, "127.0.0.1@consumer_test");
            try {
                runtime.registerConsumer(new ConsumerMember() {
                    @Override
                    public String group() {
                        return "client_cg";
                    }

                    @Override
                    public ConsumerData consumerData() {
                        return new ConsumerData("client_cg", "CONSUME_PASSIVELY", "CLUSTERING",
                                "CONSUME_FROM_LAST_OFFSET",
                                Set.of(SubscriptionData.ofTags("client_cg_t", "*", 1L)), false);
                    }

                    @Override
                    public Set<String> subscribedTopics() {
                        return Set.of("client_cg_t", "%RETRY%client_cg");
                    }

                    @Override
                    public void onConsumerIdsChanged() {
                        notices.incrementAndGet();
                    }
                });
                // A consumer's topics are looked up without the template fallback: learn the broker via
                // its own topic, then heartbeat it.
                runtime.routes().refresh(cluster.broker("broker-a").context().config().brokerName(), false)
                        .get(10, TimeUnit.SECONDS);
                runtime.heartbeatNow().get(10, TimeUnit.SECONDS);

                assertThat(cluster.broker("broker-a").context().consumers().group("client_cg")).isNotNull();
                await().atMost(Duration.ofSeconds(10)).until(() -> notices.get() > 0);

                runtime.unregisterConsumer("client_cg");
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        cluster.broker("broker-a").context().consumers().group("client_cg") == null);
            } finally {
                ClientRuntimes.release(runtime);
            }
        }
    }

    @Test
    void settingsNameTheBadValue() {
        assertThatThrownBy(() -> ClientSettings.of("127.0.0.1:9876", "127.0.0.1", "a@b", null, 1, 1, 1, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instanceName");
        assertThatThrownBy(() -> ClientSettings.of("127.0.0.1:9876", "127.0.0.1", "i", null, 0, 1, 1, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pollNameServerInterval");
        assertThat(ClientSettings.parseNamesrvAddr(" 127.0.0.1:9876 ; 127.0.0.2:9877;"))
                .containsExactly("127.0.0.1:9876", "127.0.0.2:9877");
    }
}
