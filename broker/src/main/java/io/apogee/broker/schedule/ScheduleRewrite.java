package io.apogee.broker.schedule;

import io.apogee.broker.topic.SystemTopics;
import io.apogee.common.message.PropertyNames;
import java.util.Map;

/**
 * The send side of delay levels (shared/protocol/03-broker-client.md section 14.1): a message with
 * {@code DELAY} above 0 is parked in {@code SCHEDULE_TOPIC_XXXX}, queue {@code level - 1}, with its real
 * topic and queue in {@code REAL_TOPIC} and {@code REAL_QID}. The store then writes the delivery time
 * as the consume-queue tags code, which {@link LevelDelivery} reads back. Stateless and thread-safe.
 */
public final class ScheduleRewrite {
    /** Where a message is actually stored. */
    public record Target(String topic, int queueId) {
    }

    private ScheduleRewrite() {
    }

    /**
     * Rewrites {@code properties} for a delayed message and returns where to store it, or returns null
     * (touching nothing) when the message carries no positive delay level.
     *
     * @param maxLevel the highest level of {@code messageDelayLevel}; higher levels are capped to it
     */
    public static Target apply(Map<String, String> properties, String topic, int queueId, int maxLevel) {
        int level = level(properties.get(PropertyNames.DELAY));
        if (level <= 0 || maxLevel <= 0) {
            return null;
        }
        level = Math.min(level, maxLevel);
        // The store derives the delivery time from DELAY, so it must hold the capped level.
        properties.put(PropertyNames.DELAY, Integer.toString(level));
        properties.put(PropertyNames.REAL_TOPIC, topic);
        properties.put(PropertyNames.REAL_QID, Integer.toString(queueId));
        // A delay level wins over timer properties (section 14.1).
        properties.remove(PropertyNames.TIMER_DELIVER_MS);
        properties.remove(PropertyNames.TIMER_DELAY_SEC);
        properties.remove(PropertyNames.TIMER_DELAY_MS);
        return new Target(SystemTopics.SCHEDULE_TOPIC, level - 1);
    }

    /** The delay level in a {@code DELAY} value; 0 when absent or not a number. */
    public static int level(String delay) {
        if (delay == null) {
            return 0;
        }
        try {
            return Integer.parseInt(delay.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
