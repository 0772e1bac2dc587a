package io.apogee.remoting;

import io.netty.channel.Channel;

/**
 * Where a request came from: its connection and the peer's address. Immutable and thread-safe.
 *
 * @param channel the connection the request arrived on, and that its response goes back on
 * @param remoteAddress the peer as {@code host:port}
 */
public record RequestContext(Channel channel, String remoteAddress) {
    public static RequestContext of(Channel channel) {
        return new RequestContext(channel, Addresses.remote(channel));
    }
}
