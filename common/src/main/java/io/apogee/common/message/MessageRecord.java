package io.apogee.common.message;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;

/**
 * One stored message with every field of the record layout ({@link MessageRecordLayout}).
 *
 * <p>Immutable and thread-safe as long as callers treat {@link #body()} as read-only: the array is
 * shared, not copied, because bodies reach 4 MiB and are handed around on hot paths.
 */
public final class MessageRecord {
    private final String topic;
    private final int queueId;
    private final int flag;
    private final long queueOffset;
    private final long physicalOffset;
    private final int sysFlag;
    private final long bornTimestamp;
    private final InetSocketAddress bornHost;
    private final long storeTimestamp;
    private final InetSocketAddress storeHost;
    private final int reconsumeTimes;
    private final long preparedTransactionOffset;
    private final byte[] body;
    private final String properties;
    private final int bodyCrc;
    private final int storeSize;

    private MessageRecord(Builder b) {
        this.topic = Objects.requireNonNull(b.topic, "topic");
        this.queueId = b.queueId;
        this.flag = b.flag;
        this.queueOffset = b.queueOffset;
        this.physicalOffset = b.physicalOffset;
        this.sysFlag = b.sysFlag;
        this.bornTimestamp = b.bornTimestamp;
        this.bornHost = Objects.requireNonNull(b.bornHost, "bornHost");
        this.storeTimestamp = b.storeTimestamp;
        this.storeHost = Objects.requireNonNull(b.storeHost, "storeHost");
        this.reconsumeTimes = b.reconsumeTimes;
        this.preparedTransactionOffset = b.preparedTransactionOffset;
        this.body = b.body == null ? new byte[0] : b.body;
        this.properties = b.properties == null ? "" : b.properties;
        this.bodyCrc = b.bodyCrc;
        this.storeSize = b.storeSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.topic = topic;
        b.queueId = queueId;
        b.flag = flag;
        b.queueOffset = queueOffset;
        b.physicalOffset = physicalOffset;
        b.sysFlag = sysFlag;
        b.bornTimestamp = bornTimestamp;
        b.bornHost = bornHost;
        b.storeTimestamp = storeTimestamp;
        b.storeHost = storeHost;
        b.reconsumeTimes = reconsumeTimes;
        b.preparedTransactionOffset = preparedTransactionOffset;
        b.body = body;
        b.properties = properties;
        b.bodyCrc = bodyCrc;
        b.storeSize = storeSize;
        return b;
    }

    public String topic() {
        return topic;
    }

    public int queueId() {
        return queueId;
    }

    public int flag() {
        return flag;
    }

    public long queueOffset() {
        return queueOffset;
    }

    public long physicalOffset() {
        return physicalOffset;
    }

    public int sysFlag() {
        return sysFlag;
    }

    public long bornTimestamp() {
        return bornTimestamp;
    }

    public InetSocketAddress bornHost() {
        return bornHost;
    }

    public long storeTimestamp() {
        return storeTimestamp;
    }

    public InetSocketAddress storeHost() {
        return storeHost;
    }

    public int reconsumeTimes() {
        return reconsumeTimes;
    }

    public long preparedTransactionOffset() {
        return preparedTransactionOffset;
    }

    /** The stored body bytes (possibly compressed, see sysFlag). Shared: do not modify. */
    public byte[] body() {
        return body;
    }

    /** The encoded properties string ({@link MessageProperties}). */
    public String properties() {
        return properties;
    }

    public Map<String, String> propertyMap() {
        return MessageProperties.decode(properties);
    }

    public String property(String name) {
        return MessageProperties.get(properties, name);
    }

    /** Body CRC as read from a decoded record; 0 for records not yet stored. */
    public int bodyCrc() {
        return bodyCrc;
    }

    /** TOTALSIZE as read from a decoded record; 0 for records not yet stored. */
    public int storeSize() {
        return storeSize;
    }

    /** The offset message id: store host and physical offset. */
    public String offsetMessageId() {
        return MessageIds.offsetMessageId(storeHost, physicalOffset);
    }

    @Override
    public String toString() {
        return "MessageRecord{topic=" + topic + ", queueId=" + queueId + ", queueOffset=" + queueOffset
                + ", physicalOffset=" + physicalOffset + ", sysFlag=" + sysFlag + ", bodyLength=" + body.length
                + ", storeSize=" + storeSize + '}';
    }

    /** Builder; not thread-safe. */
    public static final class Builder {
        private String topic;
        private int queueId;
        private int flag;
        private long queueOffset;
        private long physicalOffset;
        private int sysFlag;
        private long bornTimestamp;
        private InetSocketAddress bornHost;
        private long storeTimestamp;
        private InetSocketAddress storeHost;
        private int reconsumeTimes;
        private long preparedTransactionOffset;
        private byte[] body;
        private String properties;
        private int bodyCrc;
        private int storeSize;

        private Builder() {
        }

        public Builder topic(String v) {
            topic = v;
            return this;
        }

        public Builder queueId(int v) {
            queueId = v;
            return this;
        }

        public Builder flag(int v) {
            flag = v;
            return this;
        }

        public Builder queueOffset(long v) {
            queueOffset = v;
            return this;
        }

        public Builder physicalOffset(long v) {
            physicalOffset = v;
            return this;
        }

        public Builder sysFlag(int v) {
            sysFlag = v;
            return this;
        }

        public Builder bornTimestamp(long v) {
            bornTimestamp = v;
            return this;
        }

        public Builder bornHost(InetSocketAddress v) {
            bornHost = v;
            return this;
        }

        public Builder storeTimestamp(long v) {
            storeTimestamp = v;
            return this;
        }

        public Builder storeHost(InetSocketAddress v) {
            storeHost = v;
            return this;
        }

        public Builder reconsumeTimes(int v) {
            reconsumeTimes = v;
            return this;
        }

        public Builder preparedTransactionOffset(long v) {
            preparedTransactionOffset = v;
            return this;
        }

        public Builder body(byte[] v) {
            body = v;
            return this;
        }

        public Builder properties(String v) {
            properties = v;
            return this;
        }

        public Builder properties(Map<String, String> v) {
            properties = MessageProperties.encode(v);
            return this;
        }

        public Builder bodyCrc(int v) {
            bodyCrc = v;
            return this;
        }

        public Builder storeSize(int v) {
            storeSize = v;
            return this;
        }

        public MessageRecord build() {
            return new MessageRecord(this);
        }
    }
}
