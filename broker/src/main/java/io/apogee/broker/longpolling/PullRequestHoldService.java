package io.apogee.broker.longpolling;

import io.apogee.remoting.netty.ProcessingExecutors;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.store.dispatch.ArrivalListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToLongBiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long polling: holds pulls that found nothing new, keyed by topic and queue, and re-executes each one
 * (without the right to park again) as soon as the store reports a message it wants, or when its
 * deadline passes. Deadlines are checked every {@code scanIntervalMillis} (about a tenth of a second,
 * where the official broker waits up to 5 s), and once right after parking, which closes the race with
 * a message stored between the pull's read and its parking.
 *
 * <p>Re-execution runs on the pull executor, never on the store's dispatch thread or a Netty thread.
 * At {@link #close()} every parked pull is answered {@code PULL_NOT_FOUND} so that clients retry
 * elsewhere at once rather than time out. Thread-safe.
 */
public final class PullRequestHoldService implements ArrivalListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PullRequestHoldService.class);

    /** Runs a parked pull again; supplies the answer for pulls cut short by shutdown. */
    public interface Reexecutor {
        /** The response to a pull woken by an arrival or its deadline; never null. */
        RemotingCommand reexecute(HeldPull pull) throws Exception;

        /** The {@code PULL_NOT_FOUND} response that ends a parked pull when the broker stops. */
        RemotingCommand closingResponse(HeldPull pull);
    }

    private final ConcurrentMap<String, Set<HeldPull>> held = new ConcurrentHashMap<>();
    private final Reexecutor reexecutor;
    private final Executor executor;
    private final LongSupplier clock;
    private final ToLongBiFunction<String, Integer> maxOffset;
    private final ScheduledExecutorService scanner =
            Executors.newSingleThreadScheduledExecutor(ProcessingExecutors.named("pull-hold-scan"));
    private volatile boolean closed;

    /**
     * @param executor where woken pulls are re-executed (the pull pool)
     * @param maxOffset the queue's max offset by topic and queue id (the store's)
     */
    public PullRequestHoldService(Reexecutor reexecutor, Executor executor, LongSupplier clock,
            ToLongBiFunction<String, Integer> maxOffset, long scanIntervalMillis) {
        this.reexecutor = reexecutor;
        this.executor = executor;
        this.clock = clock;
        this.maxOffset = maxOffset;
        scanner.scheduleWithFixedDelay(this::wakeExpired, scanIntervalMillis, scanIntervalMillis,
                TimeUnit.MILLISECONDS);
    }

    /** Parks {@code pull}; it is answered later, exactly once. */
    public void hold(HeldPull pull) {
        if (closed) {
            answer(pull, reexecutor.closingResponse(pull));
            return;
        }
        held.compute(pull.key(), (key, pulls) -> {
            Set<HeldPull> set = pulls == null ? ConcurrentHashMap.newKeySet() : pulls;
            set.add(pull);
            return set;
        });
        // A message stored after the pull's read but before it was parked told nobody: look once more.
        if (maxOffset.applyAsLong(pull.topic(), pull.queueId()) > pull.queueOffset() || closed) {
            wake(pull);
        }
    }

    /** How many pulls are parked now (for tests and statistics). */
    public int heldCount() {
        int count = 0;
        for (Set<HeldPull> pulls : held.values()) {
            count += pulls.size();
        }
        return count;
    }

    @Override
    public void onArrived(String topic, int queueId, long nextQueueOffset, long tagsCode, long storeTimestamp) {
        Set<HeldPull> pulls = held.get(HeldPull.key(topic, queueId));
        if (pulls == null) {
            return;
        }
        for (HeldPull pull : pulls) {
            if (pull.wantedBy(nextQueueOffset, tagsCode)) {
                wake(pull);
            }
        }
    }

    /** Wakes the pulls whose deadline has passed; run by the scan (package-private for tests). */
    void wakeExpired() {
        try {
            long now = clock.getAsLong();
            for (Set<HeldPull> pulls : held.values()) {
                for (HeldPull pull : pulls) {
                    if (now >= pull.deadlineMillis()) {
                        wake(pull);
                    }
                }
            }
        } catch (RuntimeException e) {
            // The scan must survive anything, or parked pulls would never be answered.
            LOG.warn("long-polling deadline scan failed", e);
        }
    }

    private void wake(HeldPull pull) {
        if (!pull.claim()) {
            return;
        }
        forget(pull);
        try {
            executor.execute(() -> answer(pull, reexecute(pull)));
        } catch (RejectedExecutionException e) {
            // The pull pool is full or stopping: end the wait now; the client simply pulls again.
            answer(pull, reexecutor.closingResponse(pull));
        }
    }

    private RemotingCommand reexecute(HeldPull pull) {
        try {
            return reexecutor.reexecute(pull);
        } catch (Exception e) {
            LOG.warn("re-executing a parked pull of {} failed", pull.key(), e);
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "re-executing the pull failed: " + e);
        }
    }

    private void forget(HeldPull pull) {
        held.computeIfPresent(pull.key(), (key, pulls) -> {
            pulls.remove(pull);
            return pulls.isEmpty() ? null : pulls;
        });
    }

    /** Writes the answer as the dispatcher would: the request's opaque and serialize type, response flag. */
    private static void answer(HeldPull pull, RemotingCommand response) {
        RemotingCommand request = pull.request();
        response.opaque(request.opaque()).markResponse().serializeType(request.serializeType());
        if (pull.context().channel().isActive()) {
            pull.context().channel().writeAndFlush(response).addListener(f -> {
                if (!f.isSuccess()) {
                    LOG.debug("could not answer a parked pull to {}: {}", pull.context().remoteAddress(), f.cause());
                }
            });
        }
    }

    /** Stops the scan and answers every parked pull {@code PULL_NOT_FOUND}. */
    @Override
    public void close() {
        closed = true;
        scanner.shutdownNow();
        List<HeldPull> remaining = new ArrayList<>();
        held.values().forEach(remaining::addAll);
        for (HeldPull pull : remaining) {
            if (pull.claim()) {
                forget(pull);
                answer(pull, reexecutor.closingResponse(pull));
            }
        }
    }
}
