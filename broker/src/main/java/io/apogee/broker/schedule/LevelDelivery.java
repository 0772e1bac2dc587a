package io.apogee.broker.schedule;

import io.apogee.broker.topic.SystemTopics;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageRecordDecoder;
import io.apogee.common.message.PropertyNames;
import io.apogee.store.GetMessageResult;
import io.apogee.store.GetMessageStatus;
import io.apogee.store.MessageFilter;
import io.apogee.store.MessageStore;
import io.apogee.store.PutMessageResult;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the due messages of one delay level: reads {@code SCHEDULE_TOPIC_XXXX} queue
 * {@code level - 1} in order from its progress offset and writes each due message, as a new record, to
 * its {@code REAL_TOPIC}/{@code REAL_QID}. Entries of one level become due in queue order (same delay,
 * increasing store time), so the first entry not yet due ends a round.
 *
 * <p>Thread-safety: {@link #deliverDue()} must run on one thread at a time (the service gives each level
 * one task); {@link #offset()} may be read from any thread.
 */
final class LevelDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(LevelDelivery.class);
    private static final int BATCH = 32;
    private static final int BATCH_BYTES = 4 << 20;
    private static final long PUT_TIMEOUT_SECONDS = 10;

    private final int level;
    private final long delayMillis;
    private final MessageStore store;
    private final Clock clock;
    private volatile long nextOffset;

    LevelDelivery(int level, long delayMillis, MessageStore store, Clock clock, long startOffset) {
        this.level = level;
        this.delayMillis = delayMillis;
        this.store = store;
        this.clock = clock;
        this.nextOffset = startOffset;
    }

    int level() {
        return level;
    }

    /** The next queue offset to deliver; everything below it has been written to its real topic. */
    long offset() {
        return nextOffset;
    }

    /** Delivers every entry due now, in order; stops at the first one not due or on a store failure. */
    void deliverDue() {
        while (true) {
            GetMessageResult result = store.getMessages(SystemTopics.SCHEDULE_TOPIC, level - 1, nextOffset, BATCH,
                    BATCH_BYTES, MessageFilter.all());
            if (result.messageCount() == 0) {
                skipGone(result);
                return;
            }
            for (int i = 0; i < result.messageCount(); i++) {
                ByteBuffer view = result.buffers().get(i).duplicate();
                MessageRecord parked = MessageRecordDecoder.decode(view, view.position(), true, false);
                if (!isDue(parked.storeTimestamp())) {
                    return;
                }
                if (!deliver(parked)) {
                    return;
                }
                nextOffset = result.queueOffsets().get(i) + 1;
            }
            nextOffset = Math.max(nextOffset, result.nextBeginOffset());
            if (result.messageCount() < BATCH) {
                return;
            }
        }
    }

    /** Moves past entries the store no longer has (cleaned files) or a progress beyond the queue's end. */
    private void skipGone(GetMessageResult result) {
        GetMessageStatus status = result.status();
        if (status == GetMessageStatus.OFFSET_TOO_SMALL || status == GetMessageStatus.OFFSET_OVERFLOW_BADLY
                || status == GetMessageStatus.MESSAGE_WAS_REMOVING || status == GetMessageStatus.NO_MATCHED_MESSAGE) {
            nextOffset = result.nextBeginOffset();
        }
    }

    /**
     * Whether a message stored at {@code storeTimestamp} is due. A delivery time further ahead than one
     * whole delay can only come from a clock that went back; such entries are delivered now rather than
     * held for an arbitrary time.
     */
    private boolean isDue(long storeTimestamp) {
        long now = clock.millis();
        long deliverAt = storeTimestamp + delayMillis;
        if (deliverAt > now + delayMillis) {
            deliverAt = now;
        }
        return deliverAt <= now;
    }

    /** Writes the real copy; true when stored (or when the entry is dropped as undeliverable). */
    private boolean deliver(MessageRecord parked) {
        Map<String, String> properties = parked.propertyMap();
        String realTopic = properties.get(PropertyNames.REAL_TOPIC);
        int realQueue = ScheduleRewrite.level(properties.get(PropertyNames.REAL_QID));
        if (realTopic == null || SystemTopics.TRANS_HALF_TOPIC.equals(realTopic)) {
            // A half message must never leave its queue by way of a delay; a record without a real
            // topic has nowhere to go. Neither may block the level.
            LOG.warn("dropping delayed message {} of level {}: real topic {}", parked.offsetMessageId(), level,
                    realTopic);
            return true;
        }
        // DELAY, REAL_TOPIC and REAL_QID stay on the delivered copy, as the official broker's do.
        properties.put(PropertyNames.WAIT, "false");
        MessageRecord copy = MessageRecord.builder().topic(realTopic).queueId(realQueue).flag(parked.flag())
                .sysFlag(parked.sysFlag()).bornTimestamp(parked.bornTimestamp()).bornHost(parked.bornHost())
                .storeHost(parked.storeHost()).reconsumeTimes(parked.reconsumeTimes())
                .preparedTransactionOffset(parked.preparedTransactionOffset()).body(parked.body())
                .properties(properties).build();
        try {
            PutMessageResult put = store.put(copy).get(PUT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (put.status().isStored()) {
                return true;
            }
            LOG.warn("delivering delayed message {} to {} failed: {}; will retry", parked.offsetMessageId(),
                    realTopic, put.status());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("delivering delayed message {} to {} failed; will retry", parked.offsetMessageId(), realTopic, e);
        }
        return false;
    }
}
