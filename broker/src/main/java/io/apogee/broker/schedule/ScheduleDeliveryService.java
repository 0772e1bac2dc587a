package io.apogee.broker.schedule;

import io.apogee.broker.topic.SystemTopics;
import io.apogee.common.metadata.DataVersion;
import io.apogee.remoting.netty.ProcessingExecutors;
import io.apogee.store.MessageStore;
import io.apogee.store.dispatch.DelayLevels;
import io.apogee.store.metadata.DelayOffsetFile;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the delivery of every delay level (shared/protocol/04-store.md section 13): one
 * {@link LevelDelivery} per level of {@code messageDelayLevel}, each polled every 100 ms on a small
 * scheduler, and their progress kept in {@code config/delayOffset.json} every
 * {@code flushDelayOffsetInterval} and at close. Progress is saved only after the copies below it were
 * stored, so a restart re-delivers at most what followed the last save (at-least-once) and loses nothing.
 *
 * <p>Thread-safe: {@link #start()} and {@link #close()} once each; {@link #offsets()} from any thread.
 */
public final class ScheduleDeliveryService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleDeliveryService.class);
    private static final long FIRST_DELIVERY_DELAY_MILLIS = 1_000;
    private static final long POLL_MILLIS = 100;

    private final MessageStore store;
    private final DelayOffsetFile file;
    private final DelayLevels levels;
    private final Clock clock;
    private final long flushIntervalMillis;
    private final List<LevelDelivery> deliveries = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler =
            Executors.newScheduledThreadPool(2, ProcessingExecutors.named("schedule-delivery"));
    private DataVersion dataVersion;
    private boolean closed;

    public ScheduleDeliveryService(MessageStore store, DelayOffsetFile file, DelayLevels levels, Clock clock,
            long flushIntervalMillis) {
        this.store = store;
        this.file = file;
        this.levels = levels;
        this.clock = clock;
        this.flushIntervalMillis = flushIntervalMillis;
    }

    /** Loads the saved progress (clamped into each queue's range) and starts polling every level. */
    public synchronized void start() {
        DelayOffsetFile.Contents saved = file.load();
        dataVersion = saved.dataVersion();
        for (int level = 1; level <= levels.maxLevel(); level++) {
            int queueId = level - 1;
            long min = store.minOffsetInQueue(SystemTopics.SCHEDULE_TOPIC, queueId);
            long max = store.maxOffsetInQueue(SystemTopics.SCHEDULE_TOPIC, queueId);
            long offset = Math.max(min, Math.min(max, saved.offsetTable().getOrDefault(level, 0L)));
            LevelDelivery delivery = new LevelDelivery(level, levels.delayMillis(level), store, clock, offset);
            deliveries.add(delivery);
            scheduler.scheduleWithFixedDelay(() -> deliverQuietly(delivery), FIRST_DELIVERY_DELAY_MILLIS,
                    POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
        scheduler.scheduleWithFixedDelay(this::persistQuietly, flushIntervalMillis, flushIntervalMillis,
                TimeUnit.MILLISECONDS);
        LOG.info("delay delivery started for {} levels from {}", levels.maxLevel(), offsets());
    }

    private static void deliverQuietly(LevelDelivery delivery) {
        try {
            delivery.deliverDue();
        } catch (RuntimeException e) {
            // A failure must not cancel the level's periodic task; the next round retries.
            LOG.error("delay level {} delivery failed", delivery.level(), e);
        }
    }

    /** Level to next queue offset to deliver. */
    public Map<Integer, Long> offsets() {
        Map<Integer, Long> table = new LinkedHashMap<>();
        for (LevelDelivery delivery : deliveries) {
            table.put(delivery.level(), delivery.offset());
        }
        return Collections.unmodifiableMap(table);
    }

    /** Saves the progress of every level now. */
    public synchronized void persist() {
        dataVersion = dataVersion.next(clock.millis());
        file.save(new DelayOffsetFile.Contents(dataVersion, offsets()));
    }

    private void persistQuietly() {
        try {
            persist();
        } catch (RuntimeException e) {
            LOG.error("could not persist delayOffset.json", e);
        }
    }

    /** Stops delivering, waits for a round in progress, and saves the progress. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // Not shutdownNow: interrupting a put in flight could store a copy without recording progress.
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("delay delivery did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (dataVersion != null) {
            persistQuietly();
        }
    }
}
