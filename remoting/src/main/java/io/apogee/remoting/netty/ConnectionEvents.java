package io.apogee.remoting.netty;

import io.apogee.remoting.Addresses;
import io.apogee.remoting.ConnectionListener;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tail of every pipeline: tells listeners about connects, closes, idle time-outs and failures, and
 * closes a connection that failed or idled, so that one bad peer never costs anyone else. Shared by all
 * connections of an endpoint; thread-safe.
 */
@Sharable
public final class ConnectionEvents extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionEvents.class);

    private final String endpoint;
    private final List<ConnectionListener> listeners;
    private final ChannelInvoker invoker;

    public ConnectionEvents(String endpoint, List<ConnectionListener> listeners, ChannelInvoker invoker) {
        this.endpoint = endpoint;
        this.listeners = listeners;
        this.invoker = invoker;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        Channel channel = ctx.channel();
        String remote = Addresses.remote(channel);
        LOG.debug("{}: connection from/to {} open", endpoint, remote);
        notify(l -> l.onConnect(remote, channel));
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Channel channel = ctx.channel();
        String remote = Addresses.remote(channel);
        LOG.debug("{}: connection from/to {} closed", endpoint, remote);
        invoker.onChannelClosed(channel);
        notify(l -> l.onClose(remote, channel));
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle && idle.state() == IdleState.ALL_IDLE) {
            Channel channel = ctx.channel();
            String remote = Addresses.remote(channel);
            LOG.info("{}: closing idle connection {}", endpoint, remote);
            notify(l -> l.onIdle(remote, channel));
            channel.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Channel channel = ctx.channel();
        String remote = Addresses.remote(channel);
        // Logged even when the channel is already closed: a failed TLS handshake closes it first.
        LOG.warn("{}: closing connection {}: {}", endpoint, remote, describe(cause));
        notify(l -> l.onException(remote, channel, cause));
        if (channel.isOpen()) {
            channel.close();
        }
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == cause ? String.valueOf(cause) : cause + " (" + root + ")";
    }

    private void notify(Consumer<ConnectionListener> event) {
        for (ConnectionListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("{}: connection listener {} failed", endpoint, listener.getClass().getName(), e);
            }
        }
    }
}
