package io.apogee.store;

import io.apogee.common.message.EncodedRecord;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageRecordLayout;
import io.apogee.common.message.PropertyNames;
import io.apogee.store.cleanup.Cleaner;
import io.apogee.store.cleanup.DiskGuard;
import io.apogee.store.cleanup.DiskUsage;
import io.apogee.store.commitlog.AppendResult;
import io.apogee.store.commitlog.CommitLog;
import io.apogee.store.commitlog.FlushService;
import io.apogee.store.commitlog.GroupCommitService;
import io.apogee.store.commitlog.PeriodicFlushService;
import io.apogee.store.dispatch.ArrivalListener;
import io.apogee.store.dispatch.DelayLevels;
import io.apogee.store.dispatch.Dispatcher;
import io.apogee.store.dispatch.TagsCodes;
import io.apogee.store.index.IndexService;
import io.apogee.store.queue.ConsumeQueue;
import io.apogee.store.queue.ConsumeQueueFlusher;
import io.apogee.store.queue.ConsumeQueueTable;
import io.apogee.store.queue.CqEntry;
import io.apogee.store.recovery.AbortMarker;
import io.apogee.store.recovery.Checkpoint;
import io.apogee.store.recovery.StoreLock;
import io.apogee.store.recovery.StoreRecovery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's public face and composition root: opens (locks, loads, recovers) a store directory,
 * wires CommitLog, flush, dispatcher, consume queues, index, cleanup and disk guard, and exposes
 * puts (as futures, so no caller thread waits on the disk) and zero-copy reads.
 *
 * <p>Thread-safe: any thread may put and read concurrently. {@link #close()} once.
 */
public final class MessageStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MessageStore.class);

    private final StoreConfig config;
    private final StoreLock lock;
    private final AbortMarker abort;
    private final Checkpoint checkpoint;
    private final CommitLog log;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final Dispatcher dispatcher;
    private final FlushService flush;
    private final DiskGuard diskGuard;
    private final Cleaner cleaner;
    private final PutChecks checks;
    private final QueueReader reader;
    private final ScheduledExecutorService scheduler;
    private final StoreRecovery.Outcome recovery;
    private final boolean syncFlush;
    private final ConsumeQueueFlusher queueFlusher;
    private volatile boolean running = true;

    private MessageStore(StoreConfig config, Clock clock, DiskUsage diskUsage) {
        this.config = config;
        try {
            Files.createDirectories(config.storePathRootDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + config.storePathRootDir(), e);
        }
        this.lock = StoreLock.acquire(config.storePathRootDir());
        this.abort = new AbortMarker(config.storePathRootDir());
        this.checkpoint = Checkpoint.open(config.storePathRootDir().resolve("checkpoint"));
        this.log = new CommitLog(config.commitLogDir(), config.mappedFileSizeCommitLog(), clock);
        this.queues = new ConsumeQueueTable(config.consumeQueueDir(), config.mappedFileSizeConsumeQueue());
        this.index = config.messageIndexEnable()
                ? new IndexService(config.indexDir(), config.maxHashSlotNum(), config.maxIndexNum(), clock,
                checkpoint::setIndexMsgTimestamp)
                : null;
        FlushConfig flushConfig = config.flush();
        boolean sync = flushConfig.flushDiskType() == FlushDiskType.SYNC_FLUSH;
        this.syncFlush = sync;
        this.dispatcher = new Dispatcher(log, queues, index,
                sync ? log::flushedOffset : log::maxOffset,
                new TagsCodes(DelayLevels.parse(config.messageDelayLevel())));
        this.queueFlusher = new ConsumeQueueFlusher(queues, checkpoint, dispatcher::lastQueuedStoreTimestamp, clock,
                flushConfig.flushConsumeQueueLeastPages(), flushConfig.flushConsumeQueueThoroughInterval());
        FlushService.Listener onFlushed = (flushed, timestamp) -> {
            checkpoint.setPhysicMsgTimestamp(timestamp);
            dispatcher.wakeup();
        };
        this.flush = sync
                ? new GroupCommitService(log, clock, flushConfig.syncFlushTimeout(), onFlushed)
                : new PeriodicFlushService(log, clock, flushConfig.flushIntervalCommitLog(),
                flushConfig.flushCommitLogLeastPages(), flushConfig.flushCommitLogThoroughInterval(), onFlushed);
        this.diskGuard = new DiskGuard(config.commitLogDir(), diskUsage, config.cleanup().diskSpaceWarningLevelRatio());
        this.cleaner = new Cleaner(log, queues, index, diskGuard, clock, config.cleanup());
        this.checks = new PutChecks(config.maxMessageSize(), config.mappedFileSizeCommitLog());
        this.reader = new QueueReader(log, queues, config.maxTransferCountOnMessageInMemory(),
                config.maxTransferBytesOnMessageInMemory());

        this.recovery = loadAndRecover(config.checkCRCOnRecover());
        // Recovery just made the queues consistent: make that durable before taking new writes.
        queueFlusher.flushAll();
        checkpoint.flush();
        abort.create();
        diskGuard.check();
        flush.start();
        dispatcher.start(recovery.endOffset());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "apogee-store-scheduler");
            t.setDaemon(true);
            return t;
        });
        int queueFlushInterval = config.flush().flushIntervalConsumeQueue();
        scheduler.scheduleWithFixedDelay(this::flushCheckpointAndQueues, queueFlushInterval, queueFlushInterval,
                TimeUnit.MILLISECONDS);
        int cleanInterval = config.cleanup().cleanResourceInterval();
        scheduler.scheduleWithFixedDelay(this::cleanQuietly, cleanInterval, cleanInterval, TimeUnit.MILLISECONDS);
    }

    private StoreRecovery.Outcome loadAndRecover(boolean checkCrc) {
        try {
            boolean abnormal = abort.exists();
            log.files().load();
            queues.load();
            if (index != null) {
                index.load();
            }
            return new StoreRecovery(log, queues, index, checkpoint, dispatcher, checkCrc).recover(abnormal);
        } catch (RuntimeException e) {
            // A store that cannot start must not keep the directory locked for the next attempt.
            lock.close();
            throw e;
        }
    }

    /** Opens a store with the real disk-usage probe. */
    public static MessageStore open(StoreConfig config, Clock clock) {
        return open(config, clock, DiskUsage.fileStore());
    }

    public static MessageStore open(StoreConfig config, Clock clock, DiskUsage diskUsage) {
        return new MessageStore(config, clock, diskUsage);
    }

    public StoreConfig config() {
        return config;
    }

    /** What recovery did when this store was opened. */
    public StoreRecovery.Outcome recovery() {
        return recovery;
    }

    /** Appends one message. The future completes when the flush policy is satisfied. */
    public CompletableFuture<PutMessageResult> put(MessageRecord message) {
        return putAll(List.of(message), false);
    }

    /** Appends a batch for one topic and queue as consecutive records with consecutive offsets. */
    public CompletableFuture<PutMessageResult> putBatch(List<MessageRecord> messages) {
        if (messages.isEmpty()) {
            return CompletableFuture.completedFuture(
                    PutMessageResult.refused(PutMessageStatus.MESSAGE_ILLEGAL, "empty batch"));
        }
        return putAll(messages, true);
    }

    private CompletableFuture<PutMessageResult> putAll(List<MessageRecord> messages, boolean batch) {
        PutMessageResult refused = refuseIfUnavailable();
        if (refused != null) {
            return CompletableFuture.completedFuture(refused);
        }
        List<EncodedRecord> records = new ArrayList<>(messages.size());
        for (MessageRecord m : messages) {
            records.add(EncodedRecord.of(m));
        }
        refused = batch ? checks.checkBatch(records) : checks.check(records.get(0));
        if (refused != null) {
            return CompletableFuture.completedFuture(refused);
        }
        AppendResult appended;
        try {
            appended = log.append(records);
        } catch (UncheckedIOException e) {
            LOG.error("cannot create the next CommitLog file", e);
            return CompletableFuture.completedFuture(
                    PutMessageResult.refused(PutMessageStatus.CREATE_MAPPED_FILE_FAILED, e.getMessage()));
        }
        if (!syncFlush) {
            // Under SYNC_FLUSH the dispatcher may only go as far as the disk; the flusher wakes it.
            dispatcher.wakeup();
        }
        boolean waitForFlush = !"false".equals(messages.get(0).property(PropertyNames.WAIT));
        return flush.onAppended(appended, waitForFlush).thenApply(status -> PutMessageResult.stored(status, appended));
    }

    private PutMessageResult refuseIfUnavailable() {
        if (!running) {
            return PutMessageResult.refused(PutMessageStatus.SERVICE_NOT_AVAILABLE, "message store is shut down");
        }
        if (diskGuard.isDiskFull()) {
            return PutMessageResult.refused(PutMessageStatus.SERVICE_NOT_AVAILABLE,
                    "service not available now, the disk is full (above diskSpaceWarningLevelRatio)");
        }
        return null;
    }

    /** Messages from a queue offset; views of the mapped files, no copies. */
    public GetMessageResult getMessages(String topic, int queueId, long offset, int maxCount, int maxBytes,
                                        MessageFilter filter) {
        return reader.read(topic, queueId, offset, maxCount, maxBytes, filter);
    }

    /** A view of the whole message record at {@code physicalOffset}; null if no message starts there. */
    public ByteBuffer readRecord(long physicalOffset) {
        int size = log.sizeAt(physicalOffset);
        ByteBuffer view = size <= MessageRecordLayout.MAGIC_OFFSET ? null : log.read(physicalOffset, size);
        if (view == null || !MessageRecordLayout.isMessageMagic(view.getInt(MessageRecordLayout.MAGIC_OFFSET))) {
            return null;
        }
        return view;
    }

    /** The decoded record at {@code physicalOffset} (body included), or null. */
    public MessageRecord lookMessageByOffset(long physicalOffset) {
        return log.decode(physicalOffset, true);
    }

    /** Records indexed under {@code topic} and {@code key} (a KEYS token or a UNIQ_KEY). */
    public QueryMessageResult queryMessage(String topic, String key, int maxCount, long begin, long end) {
        if (index == null) {
            return new QueryMessageResult(List.of(), List.of());
        }
        List<ByteBuffer> buffers = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        for (long offset : index.query(topic, key, maxCount, begin, end)) {
            ByteBuffer b = readRecord(offset);
            if (b != null && offset < dispatcher.reputFromOffset()) {
                buffers.add(b);
                offsets.add(offset);
            }
        }
        return new QueryMessageResult(buffers, offsets);
    }

    public long maxOffsetInQueue(String topic, int queueId) {
        ConsumeQueue q = queues.find(topic, queueId);
        return q == null ? 0 : q.maxOffset();
    }

    public long minOffsetInQueue(String topic, int queueId) {
        ConsumeQueue q = queues.find(topic, queueId);
        return q == null ? 0 : q.minOffset();
    }

    /** Queue offset for a time: first at/after it, or (upper) last at/before it. */
    public long offsetInQueueByTime(String topic, int queueId, long timestamp, boolean upper) {
        ConsumeQueue q = queues.find(topic, queueId);
        return q == null ? 0 : q.offsetByTime(timestamp, upper, log::storeTimestampAt);
    }

    /** Store time of the message at {@code queueOffset}, or -1 if it is gone (GET_MESSAGE_STORE_TIMESTAMP). */
    public long storeTimestampOf(String topic, int queueId, long queueOffset) {
        ConsumeQueue q = queues.find(topic, queueId);
        CqEntry e = q == null ? null : q.get(queueOffset);
        return e == null ? -1 : log.storeTimestampAt(e.physicalOffset(), e.size());
    }

    /** Store time of the oldest message still in the queue, or -1 (GET_EARLIEST_MSG_STORETIME). */
    public long earliestMessageTime(String topic, int queueId) {
        return storeTimestampOf(topic, queueId, minOffsetInQueue(topic, queueId));
    }

    public long commitLogMinOffset() {
        return log.minOffset();
    }

    public long commitLogMaxOffset() {
        return log.maxOffset();
    }

    public long commitLogFlushedOffset() {
        return log.flushedOffset();
    }

    /** Bytes written but not yet visible in consume queues. */
    public long dispatchBehindBytes() {
        return dispatcher.behindBytes();
    }

    /** Forces of the CommitLog so far (group commit shares one among concurrent synchronous puts). */
    public long commitLogForceCount() {
        return flush.forceCount();
    }

    public void addArrivalListener(ArrivalListener listener) {
        dispatcher.addListener(listener);
    }

    public boolean isDiskFull() {
        return diskGuard.isDiskFull();
    }

    /** Runs one cleaning round now (also the disk check); returns CommitLog files deleted. */
    public int cleanNow() {
        return cleaner.run();
    }

    /** The {@code DELETE_EXPIRED_COMMITLOG} admin request. */
    public void requestManualDelete() {
        cleaner.requestManualDelete();
    }

    private void flushCheckpointAndQueues() {
        try {
            diskGuard.check();
            queueFlusher.periodic();
            checkpoint.flush();
        } catch (RuntimeException e) {
            LOG.error("periodic consume-queue/checkpoint flush failed", e);
        }
    }

    private void cleanQuietly() {
        try {
            cleaner.run();
        } catch (RuntimeException e) {
            LOG.error("cleanup round failed", e);
        }
    }

    /** Flushes everything, stops the services and, if all was dispatched, marks a clean shutdown. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush.shutdown();
        dispatcher.stop();
        queueFlusher.flushAll();
        if (index != null) {
            index.flush();
        }
        checkpoint.flush();
        if (dispatcher.behindBytes() == 0) {
            abort.delete();
        } else {
            LOG.warn("closing with {} bytes not dispatched; next start recovers abnormally", dispatcher.behindBytes());
        }
        lock.close();
    }
}
