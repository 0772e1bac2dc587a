package io.apogee.remoting.netty;

import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** A call whose outcome completes a future, on an executor so that callbacks run off the network threads. */
final class AsyncCall extends PendingCall {
    private final CompletableFuture<RemotingCommand> future = new CompletableFuture<>();
    private final Executor completer;
    private final Runnable onDone;

    /**
     * @param completer where the future is completed
     * @param onDone run exactly once when the call ends, to give back its in-flight permit
     */
    AsyncCall(int opaque, Channel channel, String remoteAddress, long timeoutMillis, PendingCalls table,
            Executor completer, Runnable onDone) {
        super(opaque, channel, remoteAddress, timeoutMillis, table);
        this.completer = completer;
        this.onDone = onDone;
    }

    CompletableFuture<RemotingCommand> future() {
        return future;
    }

    @Override
    void deliver(RemotingCommand response, Throwable failure) {
        onDone.run();
        Runnable completion = failure == null ? () -> future.complete(response)
                : () -> future.completeExceptionally(failure);
        try {
            completer.execute(completion);
        } catch (RuntimeException rejected) {
            // A saturated or stopped callback pool must not leave the caller waiting forever.
            completion.run();
        }
    }
}
