package io.apogee.remoting.netty;

import io.apogee.remoting.RemotingConnectException;
import io.apogee.remoting.RemotingTimeoutException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.channel.Channel;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of one endpoint that await responses, keyed by opaque. Responses may arrive in any
 * order; one whose opaque matches nothing is dropped. Thread-safe.
 *
 * <p>Opaques come from one counter, so the calls in flight at once usually differ in their low bits: a
 * call goes into the slot its low bits name, without a map entry or a boxed key; only a call whose slot
 * is taken (one 4,096 calls older still waiting) goes into an overflow map.
 */
final class PendingCalls {
    private static final Logger LOG = LoggerFactory.getLogger(PendingCalls.class);
    private static final int SLOTS = 1 << 12;

    private final AtomicReferenceArray<PendingCall> slots = new AtomicReferenceArray<>(SLOTS);
    private final ConcurrentMap<Integer, PendingCall> overflow = new ConcurrentHashMap<>();

    void add(PendingCall call) {
        if (!slots.compareAndSet(slot(call.opaque()), null, call)) {
            overflow.put(call.opaque(), call);
        }
    }

    void remove(PendingCall call) {
        if (!slots.compareAndSet(slot(call.opaque()), call, null)) {
            overflow.remove(call.opaque(), call);
        }
    }

    /** Completes the call that {@code response} answers. */
    void complete(RemotingCommand response, Channel from) {
        PendingCall call = take(response.opaque());
        if (call == null) {
            LOG.debug("dropping a response from {} that answers no pending call: opaque={}",
                    from.remoteAddress(), response.opaque());
            return;
        }
        call.complete(response);
    }

    private PendingCall take(int opaque) {
        int slot = slot(opaque);
        PendingCall call = slots.get(slot);
        if (call != null && call.opaque() == opaque && slots.compareAndSet(slot, call, null)) {
            return call;
        }
        return overflow.remove(opaque);
    }

    /** Fails every call past its deadline. */
    void failExpired() {
        long now = System.nanoTime();
        failWhere(call -> call.expiredAt(now), call -> new RemotingTimeoutException(call.remoteAddress(),
                call.timeoutMillis()));
    }

    /** Fails at once every call waiting on a connection that has closed. */
    void failChannel(Channel channel) {
        failWhere(call -> call.channel() == channel,
                call -> new RemotingConnectException(call.remoteAddress(), "connection closed"));
    }

    /** Fails every call, when the endpoint shuts down. */
    void failAll(String why) {
        failWhere(call -> true, call -> new RemotingConnectException(call.remoteAddress(), why));
    }

    private interface Failure {
        Exception of(PendingCall call);
    }

    private void failWhere(Predicate<PendingCall> which, Failure failure) {
        for (int i = 0; i < SLOTS; i++) {
            PendingCall call = slots.get(i);
            if (call != null && which.test(call) && slots.compareAndSet(i, call, null)) {
                call.fail(failure.of(call));
            }
        }
        for (PendingCall call : overflow.values()) {
            if (which.test(call) && overflow.remove(call.opaque(), call)) {
                call.fail(failure.of(call));
            }
        }
    }

    int size() {
        int size = overflow.size();
        for (int i = 0; i < SLOTS; i++) {
            if (slots.get(i) != null) {
                size++;
            }
        }
        return size;
    }

    private static int slot(int opaque) {
        return opaque & (SLOTS - 1);
    }
}
