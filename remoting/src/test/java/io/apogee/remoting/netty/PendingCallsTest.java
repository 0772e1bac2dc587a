package io.apogee.remoting.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.RemotingConnectException;
import io.apogee.remoting.RemotingTimeoutException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calls whose opaques share a slot (4,096 apart) still get their own responses and failures. */
class PendingCallsTest {
    private final EmbeddedChannel one = new EmbeddedChannel();
    private final EmbeddedChannel other = new EmbeddedChannel();
    private final PendingCalls calls = new PendingCalls();

    /** Records what it was given. */
    private final class Recorded extends PendingCall {
        volatile RemotingCommand response;
        volatile Throwable failure;

        Recorded(int opaque, EmbeddedChannel channel, long timeoutMillis) {
            super(opaque, channel, "peer", timeoutMillis, calls);
        }

        @Override
        void deliver(RemotingCommand response, Throwable failure) {
            this.response = response;
            this.failure = failure;
        }
    }

    @AfterEach
    void close() {
        one.finishAndReleaseAll();
        other.finishAndReleaseAll();
    }

    private Recorded add(int opaque, EmbeddedChannel channel, long timeoutMillis) {
        Recorded call = new Recorded(opaque, channel, timeoutMillis);
        calls.add(call);
        return call;
    }

    private void answer(int opaque) {
        calls.complete(new RemotingCommand().opaque(opaque).markResponse(), one);
    }

    @Test
    void callsSharingASlotGetTheirOwnResponsesInAnyOrder() {
        List<Recorded> sharing = List.of(add(5, one, 60_000), add(5 + 4096, one, 60_000), add(5 - 8192, one, 60_000),
                add(6, one, 60_000));
        assertThat(calls.size()).isEqualTo(4);
        answer(5 - 8192);
        answer(6);
        answer(5);
        answer(77); // answers nothing: dropped
        answer(5 + 4096);
        for (Recorded call : sharing) {
            assertThat(call.response).isNotNull();
            assertThat(call.response.opaque()).isEqualTo(call.opaque());
        }
        assertThat(calls.size()).isZero();
    }

    @Test
    void removedCallsGetNoResponseWhereverTheyWere() {
        Recorded first = add(9, one, 60_000);
        Recorded second = add(9 + 4096, one, 60_000);
        calls.remove(first);
        calls.remove(second);
        answer(9);
        answer(9 + 4096);
        assertThat(first.response).isNull();
        assertThat(second.response).isNull();
        assertThat(calls.size()).isZero();
    }

    @Test
    void failuresReachCallsInSlotsAndInTheOverflow() {
        Recorded onOne = add(1, one, 60_000);
        Recorded onOther = add(1 + 4096, other, 60_000);
        Recorded onOneToo = add(1 + 8192, one, 60_000);
        Recorded expired = add(2 + 4096, other, -1);
        Recorded expiredToo = add(2, one, -1);
        calls.failChannel(one);
        assertThat(onOne.failure).isInstanceOf(RemotingConnectException.class);
        assertThat(onOneToo.failure).isInstanceOf(RemotingConnectException.class);
        assertThat(expiredToo.failure).isInstanceOf(RemotingConnectException.class);
        assertThat(onOther.failure).isNull();
        calls.failExpired();
        assertThat(expired.failure).isInstanceOf(RemotingTimeoutException.class);
        assertThat(onOther.failure).isNull();
        assertThat(calls.size()).isEqualTo(1);
        calls.failAll("shutting down");
        assertThat(onOther.failure).isInstanceOf(RemotingConnectException.class).hasMessageContaining("shutting down");
        assertThat(calls.size()).isZero();
    }
}
