package io.apogee.store.dispatch;

import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.PropertyNames;
import io.apogee.common.message.TagsCode;
import java.util.function.ToLongFunction;

/**
 * The tags code a consume-queue entry carries: the tag's hash, except in the delay topic
 * {@code SCHEDULE_TOPIC_XXXX}, where it is the delivery time (store time + the level's delay), so
 * the delivery service can see when an entry is due without reading the record.
 *
 * <p>Immutable and thread-safe.
 */
public final class TagsCodes implements ToLongFunction<MessageRecord> {
    public static final String SCHEDULE_TOPIC = "SCHEDULE_TOPIC_XXXX";

    private final DelayLevels levels;

    public TagsCodes(DelayLevels levels) {
        this.levels = levels;
    }

    @Override
    public long applyAsLong(MessageRecord record) {
        if (SCHEDULE_TOPIC.equals(record.topic())) {
            String delay = record.property(PropertyNames.DELAY);
            int level = 0;
            try {
                level = delay == null ? 0 : Integer.parseInt(delay.trim());
            } catch (NumberFormatException e) {
                level = 0;
            }
            if (level > 0) {
                return record.storeTimestamp() + levels.delayMillis(level);
            }
        }
        return TagsCode.of(record.property(PropertyNames.TAGS));
    }
}
