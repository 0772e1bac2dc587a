package io.apogee.broker.client;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * The producer groups known from heartbeats and their live connections, for transaction check-backs
 * and for operators listing producers. Thread-safe.
 */
public final class ProducerManager {
    private final ConcurrentMap<String, ConcurrentMap<Channel, ClientChannelInfo>> groups = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public ProducerManager(LongSupplier clock) {
        this.clock = clock;
    }

    public void register(String group, ClientChannelInfo member) {
        ConcurrentMap<Channel, ClientChannelInfo> members = groups.computeIfAbsent(group, g -> new ConcurrentHashMap<>());
        ClientChannelInfo existing = members.get(member.channel());
        if (existing != null && existing.clientId().equals(member.clientId())) {
            existing.touch(clock.getAsLong());
        } else {
            members.put(member.channel(), member);
        }
    }

    public void unregister(String group, Channel channel) {
        Map<Channel, ClientChannelInfo> members = groups.get(group);
        if (members != null) {
            members.remove(channel);
            if (members.isEmpty()) {
                groups.remove(group, members);
            }
        }
    }

    public void channelClosed(Channel channel) {
        groups.forEach((group, members) -> {
            members.remove(channel);
            if (members.isEmpty()) {
                groups.remove(group, members);
            }
        });
    }

    /** Drops connections not heard from within {@code timeoutMillis}; returns them to close. */
    public List<Channel> removeExpired(long timeoutMillis) {
        long deadline = clock.getAsLong() - timeoutMillis;
        List<Channel> expired = new ArrayList<>();
        groups.forEach((group, members) -> members.values().removeIf(info -> {
            if (info.lastUpdateMillis() < deadline) {
                expired.add(info.channel());
                return true;
            }
            return false;
        }));
        groups.values().removeIf(Map::isEmpty);
        return expired;
    }

    /** The live connections of a producer group (empty when none). */
    public Collection<ClientChannelInfo> members(String group) {
        Map<Channel, ClientChannelInfo> members = groups.get(group);
        return members == null ? List.of() : List.copyOf(members.values());
    }

    /** A live connection of the group, for a transaction check-back; null when none is active. */
    public ClientChannelInfo anyActive(String group) {
        for (ClientChannelInfo info : members(group)) {
            if (info.channel().isActive()) {
                return info;
            }
        }
        return null;
    }

    public Collection<String> groupNames() {
        return List.copyOf(groups.keySet());
    }
}
