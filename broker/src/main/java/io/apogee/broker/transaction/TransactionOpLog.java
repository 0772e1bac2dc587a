package io.apogee.broker.transaction;

import io.apogee.broker.topic.SystemTopics;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageRecordDecoder;
import io.apogee.common.message.PropertyNames;
import io.apogee.store.GetMessageResult;
import io.apogee.store.MessageFilter;
import io.apogee.store.MessageStore;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which half messages are finished (committed, rolled back, re-appended for a check, or discarded). On
 * disk that is the op topic {@code RMQ_SYS_TRANS_OP_HALF_TOPIC} (tag {@code d}, body = half-queue offsets
 * as decimal text joined by commas); in memory, a set of half-queue offsets rebuilt from the op topic at
 * start. A half message is claimed in memory before it is acted on, so two enders (a producer's
 * END_TRANSACTION and the checker, or a repeated END_TRANSACTION) never both act on it.
 *
 * <p>Thread-safe.
 */
public final class TransactionOpLog {
    static final String OP_TAG = "d";
    private static final int READ_BATCH = 256;

    private final MessageStore store;
    private final InetSocketAddress storeHost;
    private final Clock clock;
    private final Set<Long> finished = ConcurrentHashMap.newKeySet();
    /** Every half-queue offset below this is finished; the set need not remember them. */
    private volatile long floor;

    public TransactionOpLog(MessageStore store, InetSocketAddress storeHost, Clock clock) {
        this.store = store;
        this.storeHost = storeHost;
        this.clock = clock;
    }

    /** Rebuilds the finished set from the whole op queue; call once, before any claim. */
    public void load() {
        long offset = store.minOffsetInQueue(SystemTopics.TRANS_OP_HALF_TOPIC, 0);
        long max = store.maxOffsetInQueue(SystemTopics.TRANS_OP_HALF_TOPIC, 0);
        while (offset < max) {
            GetMessageResult result = store.getMessages(SystemTopics.TRANS_OP_HALF_TOPIC, 0, offset, READ_BATCH,
                    Integer.MAX_VALUE, MessageFilter.all());
            for (ByteBuffer view : result.buffers()) {
                ByteBuffer record = view.duplicate();
                MessageRecord op = MessageRecordDecoder.decode(record, record.position(), true, false);
                for (String token : new String(op.body(), StandardCharsets.UTF_8).split(",")) {
                    if (!token.isBlank()) {
                        finished.add(Long.parseLong(token.trim()));
                    }
                }
            }
            if (result.nextBeginOffset() <= offset) {
                break;
            }
            offset = result.nextBeginOffset();
        }
    }

    public boolean isFinished(long halfQueueOffset) {
        return halfQueueOffset < floor || finished.contains(halfQueueOffset);
    }

    /** Takes a half message for the caller to finish; false when it is finished or taken already. */
    public boolean claim(long halfQueueOffset) {
        return halfQueueOffset >= floor && finished.add(halfQueueOffset);
    }

    /** Gives back a claim whose action failed, so that the half message is checked again later. */
    public void release(long halfQueueOffset) {
        finished.remove(halfQueueOffset);
    }

    /** Records on disk that a claimed half message is finished; completes with whether it was stored. */
    public CompletableFuture<Boolean> record(long halfQueueOffset) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(PropertyNames.TAGS, OP_TAG);
        properties.put(PropertyNames.WAIT, "false");
        MessageRecord op = MessageRecord.builder().topic(SystemTopics.TRANS_OP_HALF_TOPIC).queueId(0)
                .bornTimestamp(clock.millis()).bornHost(storeHost).storeHost(storeHost)
                .body(Long.toString(halfQueueOffset).getBytes(StandardCharsets.UTF_8)).properties(properties).build();
        return store.put(op).thenApply(result -> result.status().isStored());
    }

    /** Declares every half message below {@code halfQueueOffset} finished, and forgets them one by one. */
    public void forgetBelow(long halfQueueOffset) {
        if (halfQueueOffset <= floor) {
            return;
        }
        floor = halfQueueOffset;
        finished.removeIf(offset -> offset < halfQueueOffset);
    }
}
