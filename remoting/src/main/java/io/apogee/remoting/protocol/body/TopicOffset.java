package io.apogee.remoting.protocol.body;

/** One queue's offsets in a {@link TopicStatsTable}. Immutable. */
public record TopicOffset(long minOffset, long maxOffset, long lastUpdateTimestamp) {
}
