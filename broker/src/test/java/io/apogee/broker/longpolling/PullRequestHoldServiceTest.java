package io.apogee.broker.longpolling;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.RequestContext;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.SerializeType;
import io.apogee.store.MessageFilter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hold service alone, on the test thread: re-execution runs inline, the clock is set by hand and
 * the deadline scan is called directly (its own timer is an hour away).
 */
class PullRequestHoldServiceTest {
    private static final String TOPIC = "t";

    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicLong maxOffset = new AtomicLong(5);
    private final AtomicInteger reexecuted = new AtomicInteger();
    private final AtomicInteger closedAnswers = new AtomicInteger();
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final PullRequestHoldService service = new PullRequestHoldService(new PullRequestHoldService.Reexecutor() {
        @Override
        public RemotingCommand reexecute(HeldPull pull) {
            reexecuted.incrementAndGet();
            return RemotingCommand.response(ResponseCode.SUCCESS, "FOUND");
        }

        @Override
        public RemotingCommand closingResponse(HeldPull pull) {
            closedAnswers.incrementAndGet();
            return RemotingCommand.response(ResponseCode.PULL_NOT_FOUND, "broker shutting down");
        }
    }, Runnable::run, now::get, (topic, queueId) -> maxOffset.get(), 3_600_000);

    @AfterEach
    void close() {
        service.close();
        channel.finishAndReleaseAll();
    }

    private RemotingCommand request;

    private HeldPull park(long deadline, MessageFilter filter) {
        request = RemotingCommand.request(RequestCode.PULL_MESSAGE).serializeType(SerializeType.ROCKETMQ);
        HeldPull pull = new HeldPull(RequestContext.of(channel), request, TOPIC, 0, 5, filter, deadline);
        service.hold(pull);
        return pull;
    }

    private List<RemotingCommand> answers() {
        List<RemotingCommand> out = new java.util.ArrayList<>();
        for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
            out.add((RemotingCommand) o);
        }
        return out;
    }

    @Test
    void aWantedArrivalWakesTheParkedPullAndItIsAnsweredAsAResponseToItsRequest() {
        park(100_000, MessageFilter.tags(List.of("TagA")));
        assertThat(service.heldCount()).isEqualTo(1);
        assertThat(answers()).isEmpty();

        service.onArrived(TOPIC, 0, 6, "TagB".hashCode(), 0);
        service.onArrived(TOPIC, 1, 6, "TagA".hashCode(), 0);
        service.onArrived(TOPIC, 0, 5, "TagA".hashCode(), 0);
        assertThat(answers()).as("other tags, other queues and older offsets leave it parked").isEmpty();

        service.onArrived(TOPIC, 0, 6, "TagA".hashCode(), 0);

        List<RemotingCommand> answers = answers();
        assertThat(answers).hasSize(1);
        RemotingCommand response = answers.get(0);
        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.opaque()).isEqualTo(request.opaque());
        assertThat(response.isResponse()).isTrue();
        assertThat(response.serializeType()).isEqualTo(SerializeType.ROCKETMQ);
        assertThat(service.heldCount()).isZero();
    }

    @Test
    void aPullIsReexecutedAtItsDeadlineAndNotBefore() {
        park(1_500, MessageFilter.all());

        now.set(1_499);
        service.wakeExpired();
        assertThat(answers()).isEmpty();

        now.set(1_500);
        service.wakeExpired();
        assertThat(answers()).hasSize(1);
        assertThat(reexecuted).hasValue(1);
    }

    @Test
    void aMessageStoredBeforeTheParkingWakesThePullAtOnce() {
        maxOffset.set(6);
        park(100_000, MessageFilter.all());
        assertThat(answers()).hasSize(1);
        assertThat(service.heldCount()).isZero();
    }

    @Test
    void aPullIsAnsweredOnceWhateverWakesIt() {
        park(1_000, MessageFilter.all());
        service.onArrived(TOPIC, 0, 6, 0, 0);
        service.wakeExpired();
        service.onArrived(TOPIC, 0, 7, 0, 0);
        assertThat(answers()).hasSize(1);
        assertThat(reexecuted).hasValue(1);
    }

    @Test
    void closingAnswersEveryParkedPullNotFound() {
        park(100_000, MessageFilter.all());
        park(100_000, MessageFilter.all());

        service.close();

        assertThat(answers()).hasSize(2).allSatisfy(r -> assertThat(r.code()).isEqualTo(ResponseCode.PULL_NOT_FOUND));
        assertThat(reexecuted).hasValue(0);
        park(100_000, MessageFilter.all());
        assertThat(answers()).as("a pull parked after closing is answered at once").hasSize(1);
    }
}
