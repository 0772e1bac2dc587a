package io.apogee.remoting.protocol.header;

/**
 * The headers of the consume path: pulls, consumer offsets, queue offsets, client registration and
 * the broker's membership notice (shared/protocol/03-broker-client.md sections 7, 8, 10, 11 and 16).
 * Field names are the wire keys; {@code bname} is the broker name an official client adds and a broker
 * may ignore. Immutable records, thread-safe.
 */
public final class ConsumeHeaders {
    private ConsumeHeaders() {
    }

    /** {@code PULL_MESSAGE} and {@code LITE_PULL_MESSAGE}. */
    public record PullMessage(@Required String consumerGroup, @Required String topic, @Required Integer queueId,
            @Required Long queueOffset, @Required Integer maxMsgNums, @Required Integer sysFlag,
            @Required Long commitOffset, @Required Long suspendTimeoutMillis, String subscription,
            @Required Long subVersion, String expressionType, Integer maxMsgBytes, Integer requestSource,
            String proxyFrowardClientId, String bname) implements CommandHeader {
    }

    /** {@code QUERY_CONSUMER_OFFSET}. */
    public record QueryConsumerOffset(@Required String consumerGroup, @Required String topic,
            @Required Integer queueId, Boolean setZeroIfNotFound, String bname) implements CommandHeader {
    }

    /** {@code UPDATE_CONSUMER_OFFSET}. */
    public record UpdateConsumerOffset(@Required String consumerGroup, @Required String topic,
            @Required Integer queueId, @Required Long commitOffset, String bname) implements CommandHeader {
    }

    /** {@code GET_MAX_OFFSET}; {@code committed} is always true from the official client. */
    public record GetMaxOffset(@Required String topic, @Required Integer queueId, Boolean committed, String bname)
            implements CommandHeader {
    }

    /** {@code GET_MIN_OFFSET} and {@code GET_EARLIEST_MSG_STORETIME}: one queue of a topic. */
    public record TopicQueue(@Required String topic, @Required Integer queueId, String bname)
            implements CommandHeader {
    }

    /** {@code SEARCH_OFFSET_BY_TIMESTAMP}; {@code boundaryType} is {@code LOWER} (default) or {@code UPPER}. */
    public record SearchOffset(@Required String topic, @Required Integer queueId, @Required Long timestamp,
            String boundaryType, String bname) implements CommandHeader {
    }

    /**
     * The response of {@code QUERY_CONSUMER_OFFSET}, {@code GET_MAX_OFFSET}, {@code GET_MIN_OFFSET} and
     * {@code SEARCH_OFFSET_BY_TIMESTAMP}.
     */
    public record OffsetResult(@Required Long offset) implements CommandHeader {
    }

    /** The response of {@code GET_EARLIEST_MSG_STORETIME}: -1 when the queue holds no message. */
    public record StoreTimestampResult(@Required Long timestamp) implements CommandHeader {
    }

    /** {@code UNREGISTER_CLIENT}: the client leaves the named group(s). */
    public record UnregisterClient(@Required String clientID, String producerGroup, String consumerGroup)
            implements CommandHeader {
    }

    /** {@code GET_CONSUMER_LIST_BY_GROUP}. */
    public record GetConsumerListByGroup(@Required String consumerGroup) implements CommandHeader {
    }

    /** {@code NOTIFY_CONSUMER_IDS_CHANGED}, broker to client, oneway. */
    public record NotifyConsumerIdsChanged(@Required String consumerGroup) implements CommandHeader {
    }
}
