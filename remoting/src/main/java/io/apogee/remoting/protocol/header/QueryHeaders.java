package io.apogee.remoting.protocol.header;

/**
 * The headers of {@code QUERY_MESSAGE} and {@code VIEW_MESSAGE_BY_ID}
 * (shared/protocol/03-broker-client.md section 12). Field names are the wire keys.
 */
public final class QueryHeaders {
    /** The extra ext field that marks a query by {@code UNIQ_KEY}. */
    public static final String UNIQUE_KEY_QUERY = "_UNIQUE_KEY_QUERY";

    private QueryHeaders() {
    }

    /** {@code QUERY_MESSAGE} (12): messages indexed under a key, between two store times. */
    public record QueryMessage(@Required String topic, @Required String key, @Required Integer maxNum,
            @Required Long beginTimestamp, @Required Long endTimestamp) implements CommandHeader {
    }

    public record QueryMessageResponse(@Required Long indexLastUpdateTimestamp, @Required Long indexLastUpdatePhyoffset)
            implements CommandHeader {
    }

    /** {@code VIEW_MESSAGE_BY_ID} (33): the record at a commit-log offset decoded from an offset message id. */
    public record ViewMessage(String topic, @Required Long offset) implements CommandHeader {
    }
}
