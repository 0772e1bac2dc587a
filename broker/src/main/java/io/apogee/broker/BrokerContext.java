package io.apogee.broker;

import io.apogee.broker.client.ConsumerManager;
import io.apogee.broker.client.ProducerManager;
import io.apogee.broker.group.SubscriptionGroupManager;
import io.apogee.broker.offset.ConsumerOffsetManager;
import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.remoting.netty.NettyRemotingServer;
import io.apogee.store.MessageStore;
import java.net.InetSocketAddress;
import java.time.Clock;

/**
 * What request processors share: the settings, the store, the managers of each kind of state, and the
 * server (for calls to clients). Built once by {@link BrokerController}; immutable.
 *
 * @param storeHost the address written into stored messages and offset message ids
 * @param brokerAddr the same address as {@code ip:port} text
 */
public record BrokerContext(BrokerConfig config, MessageStore store, TopicConfigManager topics,
        SubscriptionGroupManager groups, ConsumerOffsetManager offsets, ConsumerManager consumers,
        ProducerManager producers, NettyRemotingServer server, InetSocketAddress storeHost, String brokerAddr,
        Clock clock) {
}
