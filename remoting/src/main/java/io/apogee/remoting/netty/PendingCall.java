package io.apogee.remoting.netty;

import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request sent and waiting for its response. Completes once, from whichever comes first: the
 * response, the timeout scanner, a write failure or the connection closing. Thread-safe.
 */
final class PendingCall {
    private final int opaque;
    private final Channel channel;
    private final String remoteAddress;
    private final long timeoutMillis;
    private final long deadlineNanos;
    private final CompletableFuture<RemotingCommand> future = new CompletableFuture<>();
    private final Executor completer;
    private final Runnable onDone;
    private final AtomicBoolean done = new AtomicBoolean();

    /**
     * @param completer where the future is completed, so that callbacks run off the network threads;
     *     null completes in the calling thread
     * @param onDone run exactly once when the call ends, to give back its in-flight permit
     */
    PendingCall(int opaque, Channel channel, String remoteAddress, long timeoutMillis, Executor completer,
            Runnable onDone) {
        this.opaque = opaque;
        this.channel = channel;
        this.remoteAddress = remoteAddress;
        this.timeoutMillis = timeoutMillis;
        this.deadlineNanos = System.nanoTime() + timeoutMillis * 1_000_000L;
        this.completer = completer;
        this.onDone = onDone;
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

    boolean expiredAt(long nowNanos) {
        return nowNanos - deadlineNanos > 0;
    }

    CompletableFuture<RemotingCommand> future() {
        return future;
    }

    void complete(RemotingCommand response) {
        if (finish()) {
            run(() -> future.complete(response));
        }
    }

    void fail(Throwable cause) {
        if (finish()) {
            run(() -> future.completeExceptionally(cause));
        }
    }

    private boolean finish() {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        if (onDone != null) {
            onDone.run();
        }
        return true;
    }

    private void run(Runnable completion) {
        if (completer == null) {
            completion.run();
            return;
        }
        try {
            completer.execute(completion);
        } catch (RuntimeException rejected) {
            // A saturated or stopped callback pool must not leave the caller waiting forever.
            completion.run();
        }
    }
}
