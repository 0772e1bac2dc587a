package io.apogee.client.producer;

import io.apogee.client.compression.Compression;
import io.apogee.client.runtime.ClientSettings;
import io.apogee.common.naming.ResourceNames;

/**
 * A producer's settings, with the official client's names and defaults. Immutable and thread-safe;
 * built and checked by the producer builders.
 *
 * @param producerGroup {@code producerGroup}
 * @param sendMsgTimeoutMillis {@code sendMsgTimeout}: the budget of a send, retries included (3000)
 * @param retryTimesWhenSendFailed extra attempts of a synchronous send (2)
 * @param retryTimesWhenSendAsyncFailed extra attempts of an asynchronous send (2)
 * @param compressMsgBodyOverHowmuch bodies longer than this are compressed (4096)
 * @param compressType the codec of compressed bodies, from {@code rocketmq.message.compressType} (ZLIB)
 * @param compressLevel the codec's level, from {@code rocketmq.message.compressLevel} (5)
 * @param maxMessageSize the largest body, or encoded batch, accepted (4 MiB)
 * @param sendLatencyFaultEnable avoid brokers that recently failed or were slow (true here; the
 *     official client's default is false, where only a retry avoids the broker that just failed)
 */
public record ProducerConfig(ClientSettings client, String producerGroup, long sendMsgTimeoutMillis,
        int retryTimesWhenSendFailed, int retryTimesWhenSendAsyncFailed, int compressMsgBodyOverHowmuch,
        Compression compressType, int compressLevel, int maxMessageSize, boolean sendLatencyFaultEnable) {

    public static final int DEFAULT_MAX_MESSAGE_SIZE = 4 * 1024 * 1024;
    public static final String DEFAULT_PRODUCER_GROUP = "DEFAULT_PRODUCER";

    public ProducerConfig {
        checkGroup(producerGroup);
        if (sendMsgTimeoutMillis <= 0) {
            throw new IllegalArgumentException("sendMsgTimeout must be > 0, sendMsgTimeout=" + sendMsgTimeoutMillis);
        }
        checkRange("retryTimesWhenSendFailed", retryTimesWhenSendFailed, 0, 16);
        checkRange("retryTimesWhenSendAsyncFailed", retryTimesWhenSendAsyncFailed, 0, 16);
        checkRange("compressMsgBodyOverHowmuch", compressMsgBodyOverHowmuch, 0, Integer.MAX_VALUE);
        if (compressType == null) {
            throw new IllegalArgumentException("compressType must not be null");
        }
        compressType.checkLevel(compressLevel);
        checkRange("maxMessageSize", maxMessageSize, 1, DEFAULT_MAX_MESSAGE_SIZE);
    }

    private static void checkGroup(String group) {
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("producerGroup must not be empty");
        }
        if (group.length() > ResourceNames.MAX_GROUP_LENGTH) {
            throw new IllegalArgumentException("producerGroup is longer than " + ResourceNames.MAX_GROUP_LENGTH + " characters");
        }
        if (!ResourceNames.hasOnlyLegalCharacters(group)) {
            throw new IllegalArgumentException("producerGroup may only contain letters, digits, '%', '|', '_' and "
                    + "'-', producerGroup=" + group);
        }
        if (DEFAULT_PRODUCER_GROUP.equals(group)) {
            throw new IllegalArgumentException("producerGroup can not equal " + DEFAULT_PRODUCER_GROUP
                    + ", please specify another one");
        }
    }

    private static void checkRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], " + name + "=" + value);
        }
    }
}
