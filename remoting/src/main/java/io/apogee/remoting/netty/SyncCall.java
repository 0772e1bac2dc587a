package io.apogee.remoting.netty;

import io.apogee.remoting.RemotingException;
import io.apogee.remoting.RemotingTimeoutException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.channel.Channel;
import java.util.concurrent.locks.LockSupport;

/**
 * A call whose caller waits on its own thread: the outcome is handed over in a field and the caller
 * unparked, with no future, stage or waiting node per call (a synchronous send is the hottest path of a
 * producer). Only the thread that created the call may {@link #await} it.
 */
final class SyncCall extends PendingCall {
    private final Thread waiter = Thread.currentThread();
    /** The response, or the failure; null until delivered. */
    private volatile Object outcome;

    SyncCall(int opaque, Channel channel, String remoteAddress, long timeoutMillis, PendingCalls table) {
        super(opaque, channel, remoteAddress, timeoutMillis, table);
    }

    @Override
    void deliver(RemotingCommand response, Throwable failure) {
        outcome = response != null ? response : failure;
        LockSupport.unpark(waiter);
    }

    /**
     * Waits for the outcome until the call's deadline.
     *
     * @throws RemotingTimeoutException when no response came in time (the call is then forgotten)
     * @throws InterruptedException when the waiting thread is interrupted (the call is then forgotten)
     */
    RemotingCommand await() throws InterruptedException, RemotingException {
        for (;;) {
            Object result = outcome;
            if (result != null) {
                return unwrap(result);
            }
            if (Thread.interrupted()) {
                forget();
                if (finish()) {
                    throw new InterruptedException("interrupted while waiting for <" + remoteAddress() + ">");
                }
                // The outcome is being delivered right now; keep the interrupt for the caller.
                Thread.currentThread().interrupt();
                return unwrap(awaitDelivery());
            }
            long left = deadlineNanos() - System.nanoTime();
            if (left <= 0) {
                forget();
                if (finish()) {
                    throw new RemotingTimeoutException(remoteAddress(), timeoutMillis());
                }
                return unwrap(awaitDelivery());
            }
            LockSupport.parkNanos(this, left);
        }
    }

    /** Another thread has ended the call and is about to store its outcome. */
    private Object awaitDelivery() {
        Object result;
        while ((result = outcome) == null) {
            Thread.onSpinWait();
        }
        return result;
    }

    private RemotingCommand unwrap(Object result) throws RemotingException {
        if (result instanceof RemotingCommand response) {
            return response;
        }
        if (result instanceof RemotingException remoting) {
            throw remoting;
        }
        throw new RemotingException("call to <" + remoteAddress() + "> failed", (Throwable) result);
    }
}
