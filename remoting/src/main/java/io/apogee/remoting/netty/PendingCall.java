package io.apogee.remoting.netty;

import io.apogee.remoting.RemotingSendRequestException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A request sent and waiting for its response. Ends once, from whichever comes first: the response,
 * the timeout scanner, a write failure or the connection closing; how the outcome reaches the caller
 * is the subclass's ({@link SyncCall}: the waiting thread, {@link AsyncCall}: a future). Also the
 * listener of its own write, so that a failed write ends it without a listener object per call.
 * Thread-safe.
 */
abstract class PendingCall implements ChannelFutureListener {
    private static final VarHandle DONE;

    static {
        try {
            DONE = MethodHandles.lookup().findVarHandle(PendingCall.class, "done", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int opaque;
    private final Channel channel;
    private final String remoteAddress;
    private final long timeoutMillis;
    private final long deadlineNanos;
    private final PendingCalls table;
    @SuppressWarnings("unused") // through DONE
    private volatile boolean done;

    PendingCall(int opaque, Channel channel, String remoteAddress, long timeoutMillis, PendingCalls table) {
        this.opaque = opaque;
        this.channel = channel;
        this.remoteAddress = remoteAddress;
        this.timeoutMillis = timeoutMillis;
        this.deadlineNanos = System.nanoTime() + timeoutMillis * 1_000_000L;
        this.table = table;
    }

    int opaque() {
        return opaque;
    }

    Channel channel() {
        return channel;
    }

    String remoteAddress() {
        return remoteAddress;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    boolean expiredAt(long nowNanos) {
        return nowNanos - deadlineNanos > 0;
    }

    /** Takes the call out of its endpoint's table (it will get no response any more). */
    void forget() {
        table.remove(this);
    }

    void complete(RemotingCommand response) {
        if (finish()) {
            deliver(response, null);
        }
    }

    void fail(Throwable cause) {
        if (finish()) {
            deliver(null, cause);
        }
    }

    /** The outcome, exactly once: a response, or else a failure. */
    abstract void deliver(RemotingCommand response, Throwable failure);

    /** Whether this caller is the one that ends the call (the first to try). */
    final boolean finish() {
        return DONE.compareAndSet(this, false, true);
    }

    /** The write of the request: a failed write ends the call at once. */
    @Override
    public void operationComplete(ChannelFuture future) {
        if (!future.isSuccess()) {
            forget();
            fail(new RemotingSendRequestException(remoteAddress, future.cause()));
        }
    }
}
