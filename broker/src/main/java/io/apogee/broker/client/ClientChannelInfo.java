package io.apogee.broker.client;

import io.apogee.remoting.Addresses;
import io.apogee.remoting.protocol.LanguageCode;
import io.netty.channel.Channel;

/**
 * One client connection as heartbeats describe it. The last-heartbeat time is refreshed in place;
 * everything else is fixed. Thread-safe.
 */
public final class ClientChannelInfo {
    private final Channel channel;
    private final String clientId;
    private final LanguageCode language;
    private final int version;
    private volatile long lastUpdateMillis;

    public ClientChannelInfo(Channel channel, String clientId, LanguageCode language, int version, long nowMillis) {
        this.channel = channel;
        this.clientId = clientId;
        this.language = language;
        this.version = version;
        this.lastUpdateMillis = nowMillis;
    }

    public Channel channel() {
        return channel;
    }

    public String clientId() {
        return clientId;
    }

    public LanguageCode language() {
        return language;
    }

    public int version() {
        return version;
    }

    /** The peer as {@code host:port}. */
    public String clientAddr() {
        return Addresses.remote(channel);
    }

    public long lastUpdateMillis() {
        return lastUpdateMillis;
    }

    void touch(long nowMillis) {
        lastUpdateMillis = nowMillis;
    }
}
