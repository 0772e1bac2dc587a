package io.apogee.broker.client;

import io.apogee.remoting.protocol.body.SubscriptionData;
import io.netty.channel.Channel;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer groups known from heartbeats: their live members and subscriptions. Tells listeners
 * when a clustering group's membership or subscriptions change, so that its members can be told to
 * rebalance. Thread-safe: changes to one group are serialised on that group.
 */
public final class ConsumerManager {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerManager.class);

    /** Told the name of a group whose members or subscriptions changed. */
    @FunctionalInterface
    public interface GroupChangeListener {
        void groupChanged(ConsumerGroupInfo group);
    }

    private final ConcurrentMap<String, ConsumerGroupInfo> groups = new ConcurrentHashMap<>();
    private final List<GroupChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final LongSupplier clock;

    public ConsumerManager(LongSupplier clock) {
        this.clock = clock;
    }

    public void addGroupChangeListener(GroupChangeListener listener) {
        listeners.add(listener);
    }

    /**
     * Registers or refreshes one member of a group from a heartbeat.
     *
     * @param subscriptions the heartbeat's subscriptions, or null for a heartbeat without them (v2)
     * @return true when the group's membership or subscriptions changed
     */
    public boolean register(String group, ClientChannelInfo member, String consumeType, String messageModel,
            String consumeFromWhere, Set<SubscriptionData> subscriptions) {
        ConsumerGroupInfo info = groups.computeIfAbsent(group, ConsumerGroupInfo::new);
        boolean changed;
        synchronized (info) {
            changed = info.upsertChannel(member, consumeType, messageModel, consumeFromWhere, clock.getAsLong());
            if (subscriptions != null) {
                changed |= info.updateSubscriptions(subscriptions);
            }
            groups.putIfAbsent(group, info);
        }
        if (changed) {
            LOG.info("consumer group {} changed: {} members", group, info.clientIds().size());
            notifyChanged(info);
        }
        return changed;
    }

    /** Removes a member that unregistered. */
    public void unregister(String group, Channel channel) {
        ConsumerGroupInfo info = groups.get(group);
        if (info == null) {
            return;
        }
        ClientChannelInfo removed;
        synchronized (info) {
            removed = info.removeChannel(channel);
            if (info.isEmpty()) {
                groups.remove(group, info);
            }
        }
        if (removed != null) {
            LOG.info("consumer {} left group {}", removed.clientId(), group);
            notifyChanged(info);
        }
    }

    /** Removes a closed connection from every group it was in. */
    public void channelClosed(Channel channel) {
        for (ConsumerGroupInfo info : groups.values()) {
            ClientChannelInfo removed;
            synchronized (info) {
                removed = info.removeChannel(channel);
                if (info.isEmpty()) {
                    groups.remove(info.groupName(), info);
                }
            }
            if (removed != null) {
                LOG.info("connection of consumer {} in group {} closed", removed.clientId(), info.groupName());
                notifyChanged(info);
            }
        }
    }

    /** Removes members not heard from within {@code timeoutMillis}; returns their channels to close. */
    public List<Channel> removeExpired(long timeoutMillis) {
        long deadline = clock.getAsLong() - timeoutMillis;
        List<Channel> expired = new java.util.ArrayList<>();
        for (ConsumerGroupInfo info : groups.values()) {
            List<ClientChannelInfo> gone;
            synchronized (info) {
                gone = info.removeExpired(deadline);
                if (info.isEmpty()) {
                    groups.remove(info.groupName(), info);
                }
            }
            if (!gone.isEmpty()) {
                gone.forEach(member -> {
                    LOG.warn("consumer {} of group {} silent for {} ms: dropped", member.clientId(), info.groupName(),
                            timeoutMillis);
                    expired.add(member.channel());
                });
                notifyChanged(info);
            }
        }
        return expired;
    }

    public ConsumerGroupInfo group(String group) {
        return groups.get(group);
    }

    public Collection<ConsumerGroupInfo> groups() {
        return List.copyOf(groups.values());
    }

    /** The subscription of a group to a topic, or null. */
    public SubscriptionData subscription(String group, String topic) {
        ConsumerGroupInfo info = groups.get(group);
        return info == null ? null : info.subscription(topic);
    }

    private void notifyChanged(ConsumerGroupInfo info) {
        for (GroupChangeListener listener : listeners) {
            try {
                listener.groupChanged(info);
            } catch (RuntimeException e) {
                LOG.warn("consumer group listener failed for {}", info.groupName(), e);
            }
        }
    }
}
