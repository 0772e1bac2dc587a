package io.apogee.remoting.protocol.body;

/**
 * One queue's progress in {@link ConsumeStats}.
 *
 * @param brokerOffset the queue's max offset
 * @param consumerOffset the group's committed offset
 * @param pullOffset how far the group has pulled (at least the committed offset)
 * @param lastTimestamp store time of the last consumed message, 0 if none
 */
public record OffsetWrapper(long brokerOffset, long consumerOffset, long pullOffset, long lastTimestamp) {
}
