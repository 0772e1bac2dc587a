package io.apogee.broker.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.broker.BrokerConfig;
import io.apogee.broker.group.SubscriptionGroupManager;
import io.apogee.remoting.protocol.LanguageCode;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.body.SubscriptionData;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumerIdsChangeNotifierTest {
    @TempDir
    Path dir;

    private final List<Channel> told = new CopyOnWriteArrayList<>();
    private final List<RemotingCommand> notices = new CopyOnWriteArrayList<>();
    private final EmbeddedChannel failing = new EmbeddedChannel();
    private final EmbeddedChannel healthy = new EmbeddedChannel();
    private final ConsumerManager consumers = new ConsumerManager(() -> 0L);

    private void wire() {
        SubscriptionGroupManager groups = new SubscriptionGroupManager(new BrokerConfig(), dir, Clock.systemUTC());
        consumers.addGroupChangeListener(new ConsumerIdsChangeNotifier(groups, (channel, command, timeout) -> {
            if (channel == failing) {
                throw new IllegalStateException("this member's connection is broken");
            }
            told.add(channel);
            notices.add(command);
        }, Runnable::run));
    }

    private void join(String group, String model, Channel channel, String clientId) {
        consumers.register(group, new ClientChannelInfo(channel, clientId, LanguageCode.JAVA, 479, 0),
                "CONSUME_PASSIVELY", model, "CONSUME_FROM_FIRST_OFFSET", Set.of(SubscriptionData.ofTags("t", "*", 1)));
    }

    @Test
    void everyOtherMemberIsToldEvenWhenOneConnectionFails() {
        wire();
        join("g", "CLUSTERING", failing, "a");
        join("g", "CLUSTERING", healthy, "b");

        assertThat(told).contains(healthy);
        RemotingCommand notice = notices.get(notices.size() - 1);
        assertThat(notice.code()).isEqualTo(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED);
        assertThat(notice.extField("consumerGroup")).isEqualTo("g");
    }

    @Test
    void broadcastingGroupsAreNotTold() {
        wire();
        join("b", "BROADCASTING", healthy, "a");
        assertThat(told).isEmpty();
    }
}
