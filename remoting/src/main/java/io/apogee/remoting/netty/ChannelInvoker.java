package io.apogee.remoting.netty;

import io.apogee.remoting.Addresses;
import io.apogee.remoting.RemotingException;
import io.apogee.remoting.RemotingSendRequestException;
import io.apogee.remoting.RemotingTooMuchRequestException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends requests on a given connection and matches their responses: synchronous, asynchronous (with a
 * bound on calls in flight) and oneway. Shared by the server (calls to clients) and the client.
 * Thread-safe.
 */
public final class ChannelInvoker {
    private final PendingCalls pending = new PendingCalls();
    private final Semaphore asyncPermits;
    private final Semaphore onewayPermits;
    private final Executor callbackExecutor;

    /**
     * @param maxAsyncInFlight asynchronous calls allowed to await responses at once
     * @param maxOnewayInFlight oneway requests allowed to await their write at once
     * @param callbackExecutor where asynchronous results are delivered
     */
    public ChannelInvoker(int maxAsyncInFlight, int maxOnewayInFlight, Executor callbackExecutor) {
        this.asyncPermits = new Semaphore(maxAsyncInFlight);
        this.onewayPermits = new Semaphore(maxOnewayInFlight);
        this.callbackExecutor = callbackExecutor;
    }

    /**
     * Sends {@code request} and waits for its response on the calling thread (no future: the response
     * is handed to the waiting thread directly).
     */
    public RemotingCommand invokeSync(Channel channel, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        SyncCall call = new SyncCall(request.opaque(), channel, Addresses.remote(channel), timeoutMillis, pending);
        send(channel, request, call);
        return call.await();
    }

    /**
     * Sends {@code request}; the future completes with the response, or fails with a
     * {@link RemotingException} (timeout, closed connection, failed write, too many calls in flight).
     * Results are delivered on the callback executor, never on a network thread.
     */
    public CompletableFuture<RemotingCommand> invokeAsync(Channel channel, RemotingCommand request,
            long timeoutMillis) {
        boolean acquired;
        try {
            acquired = asyncPermits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        if (!acquired) {
            return CompletableFuture.failedFuture(new RemotingTooMuchRequestException(
                    "more than the allowed asynchronous calls in flight; waited " + timeoutMillis + " ms"));
        }
        AsyncCall call = new AsyncCall(request.opaque(), channel, Addresses.remote(channel), timeoutMillis, pending,
                callbackExecutor, asyncPermits::release);
        send(channel, request, call);
        return call.future();
    }

    /** Sends {@code request} with the oneway flag; no response will come. */
    public void invokeOneway(Channel channel, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        request.markOneway();
        if (!onewayPermits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new RemotingTooMuchRequestException(
                    "more than the allowed oneway requests in flight; waited " + timeoutMillis + " ms");
        }
        try {
            channel.writeAndFlush(request).addListener(f -> onewayPermits.release());
        } catch (RuntimeException e) {
            onewayPermits.release();
            throw new RemotingSendRequestException(Addresses.remote(channel), e);
        }
    }

    /** Delivers a response that arrived on {@code channel} to the call waiting for it. */
    public void onResponse(RemotingCommand response, Channel channel) {
        pending.complete(response, channel);
    }

    /** Fails the calls waiting on a closed connection at once, rather than at their timeouts. */
    public void onChannelClosed(Channel channel) {
        pending.failChannel(channel);
    }

    /** Fails the calls past their deadlines; run about once a second. */
    public void scanExpired() {
        pending.failExpired();
    }

    public void shutdown() {
        pending.failAll("shutting down");
    }

    /** Calls still awaiting responses (for tests and metrics). */
    public int pendingCount() {
        return pending.size();
    }

    private void send(Channel channel, RemotingCommand request, PendingCall call) {
        pending.add(call);
        try {
            channel.writeAndFlush(request).addListener(call);
        } catch (RuntimeException e) {
            pending.remove(call);
            call.fail(new RemotingSendRequestException(call.remoteAddress(), e));
        }
    }
}
