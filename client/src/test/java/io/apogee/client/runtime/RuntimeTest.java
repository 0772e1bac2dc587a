package io.apogee.client.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogee.client.ClientException;
import io.apogee.client.ClusterFixture;
import io.apogee.remoting.protocol.body.QueueData;
import io.apogee.remoting.protocol.body.TopicRouteData;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
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
                    30_000, 3_000);
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
    void settingsNameTheBadValue() {
        assertThatThrownBy(() -> ClientSettings.of("127.0.0.1:9876", "127.0.0.1", "a@b", null, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instanceName");
        assertThatThrownBy(() -> ClientSettings.of("127.0.0.1:9876", "127.0.0.1", "i", null, 0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pollNameServerInterval");
        assertThat(ClientSettings.parseNamesrvAddr(" 127.0.0.1:9876 ; 127.0.0.2:9877;"))
                .containsExactly("127.0.0.1:9876", "127.0.0.2:9877");
    }
}
