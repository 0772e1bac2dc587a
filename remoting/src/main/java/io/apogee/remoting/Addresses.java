package io.apogee.remoting;

import io.netty.channel.Channel;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Turns socket addresses into the {@code host:port} text used in logs, hooks and client ids. */
public final class Addresses {
    private static final AttributeKey<String> REMOTE_TEXT = AttributeKey.valueOf(Addresses.class, "remoteText");

    private Addresses() {
    }

    public static String remote(Channel channel) {
        if (channel == null) {
            return "";
        }
        // Kept on the channel once known: a connection's peer does not change, and calls ask per request.
        Attribute<String> cached = channel.attr(REMOTE_TEXT);
        String remote = cached.get();
        if (remote == null) {
            remote = format(channel.remoteAddress());
            if (!remote.isEmpty()) {
                cached.set(remote);
            }
        }
        return remote;
    }

    public static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return address == null ? "" : address.toString();
    }

    /**
     * Parses {@code host:port} (IPv6 hosts in brackets or bare).
     *
     * @throws IllegalArgumentException when the text has no valid port
     */
    public static InetSocketAddress parse(String address) {
        int colon = address == null ? -1 : address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("not a host:port address: " + address);
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a host:port address: " + address);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range in address: " + address);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
