package io.apogee.remoting.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Chooses between Linux's native epoll transport, when it loads, and Java NIO everywhere else.
 * Immutable and thread-safe.
 */
public final class Transports {
    private final boolean epoll;

    private Transports(boolean epoll) {
        this.epoll = epoll;
    }

    /** Epoll when {@code preferNative} and the native library loads on this host; NIO otherwise. */
    public static Transports choose(boolean preferNative) {
        return new Transports(preferNative && Epoll.isAvailable());
    }

    public boolean isNative() {
        return epoll;
    }

    public EventLoopGroup group(int threads, String name) {
        return epoll ? new EpollEventLoopGroup(threads, ProcessingExecutors.named(name))
                : new NioEventLoopGroup(threads, ProcessingExecutors.named(name));
    }

    public Class<? extends ServerSocketChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends SocketChannel> clientChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
