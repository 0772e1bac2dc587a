package io.apogee.store.dispatch;

import static io.apogee.common.message.MessageRecordLayout.BLANK_MAGIC_CODE;
import static io.apogee.common.message.MessageRecordLayout.MAGIC_OFFSET;

import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageRecordDecoder;
import io.apogee.common.message.MessageSysFlag;
import io.apogee.store.commitlog.CommitLog;
import io.apogee.store.file.MappedFile;
import io.apogee.store.index.IndexService;
import io.apogee.store.queue.ConsumeQueueTable;
import io.apogee.store.support.ServiceThread;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Builds consume queues and the index from the CommitLog ("reput"): follows the log from
 * {@link #reputFromOffset()} up to the confirm offset — the flushed offset under SYNC_FLUSH, so
 * consumers never see bytes that are not yet on disk, else the written offset.
 *
 * <p>Thread-safety: a single dispatcher thread; recovery calls {@link #dispatch} before it starts.
 * {@link #wakeup()} and the offset getters may be called from any thread.
 */
public final class Dispatcher {
    /** Records per iteration, so that stop() is honoured promptly under a flood. */
    private static final int MAX_RECORDS_PER_ROUND = 100_000;

    private final CommitLog log;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final LongSupplier confirmOffset;
    private final ToLongFunction<MessageRecord> tagsCode;
    private final List<ArrivalListener> listeners = new CopyOnWriteArrayList<>();
    private final ServiceThread thread;
    private volatile long reputFromOffset;
    private volatile long lastQueuedStoreTimestamp;

    /** @param index null when {@code messageIndexEnable} is off */
    public Dispatcher(CommitLog log, ConsumeQueueTable queues, IndexService index, LongSupplier confirmOffset, ToLongFunction<MessageRecord> tagsCode) {
        this.log = log;
        this.queues = queues;
        this.index = index;
        this.confirmOffset = confirmOffset;
        this.tagsCode = tagsCode;
        this.thread = new ServiceThread("apogee-dispatcher", this::iteration);
    }

    public void addListener(ArrivalListener listener) {
        listeners.add(listener);
    }

    public long reputFromOffset() {
        return reputFromOffset;
    }

    public void start(long fromOffset) {
        reputFromOffset = fromOffset;
        thread.start();
    }

    public void stop() {
        thread.stop();
        dispatchAvailable();
    }

    public void wakeup() {
        thread.signal().wakeup();
    }

    /**
     * Store time of the last record put into a consume queue. Becomes the checkpoint's
     * {@code logicsMsgTimestamp} only once the queues are forced, so that after a power loss recovery
     * starts early enough to rebuild what the queues lost.
     */
    public long lastQueuedStoreTimestamp() {
        return lastQueuedStoreTimestamp;
    }

    /** Bytes written to the log but not yet in the consume queues. */
    public long behindBytes() {
        return Math.max(0, log.maxOffset() - reputFromOffset);
    }

    private void iteration() {
        if (dispatchAvailable() < MAX_RECORDS_PER_ROUND) {
            thread.signal().await(1);
        }
    }

    private int dispatchAvailable() {
        long confirm = confirmOffset.getAsLong();
        int done = 0;
        while (reputFromOffset < confirm && done < MAX_RECORDS_PER_ROUND) {
            MappedFile file = log.files().find(reputFromOffset);
            if (file == null) {
                // The file was deleted under us (cleanup overtook a lagging dispatcher): skip ahead.
                reputFromOffset = Math.max(reputFromOffset, log.minOffset());
                if (log.files().find(reputFromOffset) == null) {
                    return done;
                }
                continue;
            }
            int pos = (int) (reputFromOffset - file.fromOffset());
            ByteBuffer buf = file.buffer();
            if (pos == file.size() || buf.getInt(pos + MAGIC_OFFSET) == BLANK_MAGIC_CODE) {
                reputFromOffset = file.fromOffset() + file.size();
                continue;
            }
            int size = buf.getInt(pos);
            MessageRecord record = MessageRecordDecoder.decode(file.slice(pos, size), 0, false, false);
            dispatch(record);
            reputFromOffset += size;
            done++;
        }
        return done;
    }

    /** Puts one record into its consume queue and the index. Idempotent, so recovery may replay. */
    public void dispatch(MessageRecord record) {
        long code = tagsCode.applyAsLong(record);
        if (MessageSysFlag.isConsumable(record.sysFlag())) {
            queues.findOrCreate(record.topic(), record.queueId())
                    .put(record.queueOffset(), record.physicalOffset(), record.storeSize(), code);
            lastQueuedStoreTimestamp = record.storeTimestamp();
            for (ArrivalListener l : listeners) {
                l.onArrived(record.topic(), record.queueId(), record.queueOffset() + 1, code,
                        record.storeTimestamp());
            }
        }
        if (index != null) {
            index.index(record);
        }
    }
}
