package io.apogee.broker.client;

import io.apogee.remoting.protocol.body.SubscriptionData;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The live members of one consumer group and what the group subscribes to. Thread-safe: the maps are
 * concurrent and changes to one group are serialised by the manager.
 */
public final class ConsumerGroupInfo {
    private final String groupName;
    private final ConcurrentMap<Channel, ClientChannelInfo> channels = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, SubscriptionData> subscriptions = new ConcurrentHashMap<>();
    private volatile String consumeType;
    private volatile String messageModel;
    private volatile String consumeFromWhere;
    private volatile long lastUpdateMillis;

    ConsumerGroupInfo(String groupName) {
        this.groupName = groupName;
    }

    public String groupName() {
        return groupName;
    }

    public String consumeType() {
        return consumeType;
    }

    public String messageModel() {
        return messageModel;
    }

    public String consumeFromWhere() {
        return consumeFromWhere;
    }

    public boolean isClustering() {
        return !"BROADCASTING".equals(messageModel);
    }

    public long lastUpdateMillis() {
        return lastUpdateMillis;
    }

    public SubscriptionData subscription(String topic) {
        return subscriptions.get(topic);
    }

    public Map<String, SubscriptionData> subscriptions() {
        return Map.copyOf(subscriptions);
    }

    public Collection<ClientChannelInfo> channels() {
        return List.copyOf(channels.values());
    }

    public ClientChannelInfo channelOf(String clientId) {
        for (ClientChannelInfo info : channels.values()) {
            if (info.clientId().equals(clientId)) {
                return info;
            }
        }
        return null;
    }

    /** The client ids of the live members. */
    public List<String> clientIds() {
        List<String> ids = new ArrayList<>();
        channels.values().forEach(info -> ids.add(info.clientId()));
        return ids;
    }

    boolean isEmpty() {
        return channels.isEmpty();
    }

    /** Adds or refreshes a member; true when it is new. */
    boolean upsertChannel(ClientChannelInfo info, String consumeType, String messageModel, String consumeFromWhere,
            long nowMillis) {
        this.consumeType = consumeType;
        this.messageModel = messageModel;
        this.consumeFromWhere = consumeFromWhere;
        this.lastUpdateMillis = nowMillis;
        ClientChannelInfo existing = channels.get(info.channel());
        if (existing != null && existing.clientId().equals(info.clientId())) {
            existing.touch(nowMillis);
            return false;
        }
        channels.put(info.channel(), info);
        return true;
    }

    /**
     * Takes the subscriptions of a full heartbeat: newer versions replace older ones, topics no longer
     * listed are dropped. True when anything changed.
     */
    boolean updateSubscriptions(Set<SubscriptionData> incoming) {
        boolean changed = false;
        Set<String> listed = new java.util.HashSet<>();
        for (SubscriptionData sub : incoming) {
            listed.add(sub.topic());
            SubscriptionData old = subscriptions.get(sub.topic());
            if (old == null || sub.subVersion() > old.subVersion()) {
                subscriptions.put(sub.topic(), sub);
                changed |= old == null || !old.subString().equals(sub.subString())
                        || !old.expressionType().equals(sub.expressionType());
            }
        }
        changed |= subscriptions.keySet().removeIf(topic -> !listed.contains(topic));
        return changed;
    }

    ClientChannelInfo removeChannel(Channel channel) {
        return channels.remove(channel);
    }

    /** Removes members not heard from since {@code deadlineMillis}; returns them. */
    List<ClientChannelInfo> removeExpired(long deadlineMillis) {
        List<ClientChannelInfo> expired = new ArrayList<>();
        channels.values().removeIf(info -> {
            if (info.lastUpdateMillis() < deadlineMillis) {
                expired.add(info);
                return true;
            }
            return false;
        });
        return expired;
    }
}
