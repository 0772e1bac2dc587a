package io.apogee.remoting.netty;

import io.apogee.remoting.RemotingConnectException;
import io.apogee.remoting.RemotingTimeoutException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.channel.Channel;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of one endpoint that await responses, keyed by opaque. Responses may arrive in any
 * order; one whose opaque matches nothing is dropped. Thread-safe.
 */
final class PendingCalls {
    private static final Logger LOG = LoggerFactory.getLogger(PendingCalls.class);

    private final ConcurrentMap<Integer, PendingCall> calls = new ConcurrentHashMap<>();

    void add(PendingCall call) {
        calls.put(call.opaque(), call);
    }

    void remove(PendingCall call) {
        calls.remove(call.opaque(), call);
    }

    /** Completes the call that {@code response} answers. */
    void complete(RemotingCommand response, Channel from) {
        PendingCall call = calls.remove(response.opaque());
        if (call == null) {
            LOG.debug("dropping a response from {} that answers no pending call: opaque={}",
                    from.remoteAddress(), response.opaque());
            return;
        }
        call.complete(response);
    }

    /** Fails every call past its deadline. */
    void failExpired() {
        long now = System.nanoTime();
        for (Iterator<PendingCall> it = calls.values().iterator(); it.hasNext(); ) {
            PendingCall call = it.next();
            if (call.expiredAt(now)) {
                it.remove();
                call.fail(new RemotingTimeoutException(call.remoteAddress(), call.timeoutMillis()));
            }
        }
    }

    /** Fails at once every call waiting on a connection that has closed. */
    void failChannel(Channel channel) {
        for (Iterator<PendingCall> it = calls.values().iterator(); it.hasNext(); ) {
            PendingCall call = it.next();
            if (call.channel() == channel) {
                it.remove();
                call.fail(new RemotingConnectException(call.remoteAddress(), "connection closed"));
            }
        }
    }

    /** Fails every call, when the endpoint shuts down. */
    void failAll(String why) {
        for (Iterator<PendingCall> it = calls.values().iterator(); it.hasNext(); ) {
            PendingCall call = it.next();
            it.remove();
            call.fail(new RemotingConnectException(call.remoteAddress(), why));
        }
    }

    int size() {
        return calls.size();
    }
}
