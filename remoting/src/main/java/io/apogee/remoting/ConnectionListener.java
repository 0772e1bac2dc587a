package io.apogee.remoting;

import io.netty.channel.Channel;

/**
 * Told about connection life cycles. Called on network threads: implementations must be quick and
 * thread-safe, and hand anything slow to an executor of their own.
 */
public interface ConnectionListener {
    default void onConnect(String remoteAddress, Channel channel) {
    }

    default void onClose(String remoteAddress, Channel channel) {
    }

    /** The connection was idle past its limit; it is being closed. */
    default void onIdle(String remoteAddress, Channel channel) {
    }

    /** The connection failed (bad frame, I/O error); it is being closed. */
    default void onException(String remoteAddress, Channel channel, Throwable cause) {
    }
}
