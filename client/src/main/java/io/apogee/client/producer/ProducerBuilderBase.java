package io.apogee.client.producer;

import io.apogee.client.compression.Compression;
import io.apogee.client.runtime.ClientBuilderBase;
import io.apogee.client.runtime.ClientSettings;

/**
 * The settings every producer builder shares, with the official client's names and defaults; the
 * connection settings (name servers, TLS, credentials, ...) are those of every client. Not thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ProducerBuilderBase<B extends ProducerBuilderBase<B>> extends ClientBuilderBase<B> {
    private String producerGroup;
    private long sendMsgTimeoutMillis = 3000;
    private int retryTimesWhenSendFailed = 2;
    private int retryTimesWhenSendAsyncFailed = 2;
    private int compressMsgBodyOverHowmuch = 4096;
    private Compression compressType;
    private int compressLevel = Compression.configuredLevel();
    private int maxMessageSize = ProducerConfig.DEFAULT_MAX_MESSAGE_SIZE;
    private boolean sendLatencyFaultEnable = true;
    private BrokerFaultStrategy faultStrategy;

    public B producerGroup(String producerGroup) {
        this.producerGroup = producerGroup;
        return self();
    }

    public B sendMsgTimeout(long millis) {
        this.sendMsgTimeoutMillis = millis;
        return self();
    }

    public B retryTimesWhenSendFailed(int times) {
        this.retryTimesWhenSendFailed = times;
        return self();
    }

    public B retryTimesWhenSendAsyncFailed(int times) {
        this.retryTimesWhenSendAsyncFailed = times;
        return self();
    }

    public B compressMsgBodyOverHowmuch(int bytes) {
        this.compressMsgBodyOverHowmuch = bytes;
        return self();
    }

    /**
     * The codec of bodies over {@link #compressMsgBodyOverHowmuch}: ZLIB (the default), LZ4 or ZSTD. Defaults
     * to the system property {@code rocketmq.message.compressType}, as the official producer.
     */
    public B compressType(Compression compressType) {
        this.compressType = compressType;
        return self();
    }

    /** The codec's level: ZLIB 0..9, ZSTD 0..22, ignored by LZ4; default {@code rocketmq.message.compressLevel} or 5. */
    public B compressLevel(int level) {
        this.compressLevel = level;
        return self();
    }

    public B maxMessageSize(int bytes) {
        this.maxMessageSize = bytes;
        return self();
    }

    public B sendLatencyFaultEnable(boolean enable) {
        this.sendLatencyFaultEnable = enable;
        return self();
    }

    /** Replaces the broker fault strategy (wins over {@link #sendLatencyFaultEnable}). */
    public B faultStrategy(BrokerFaultStrategy strategy) {
        this.faultStrategy = strategy;
        return self();
    }

    /** @throws IllegalArgumentException naming the first bad setting */
    ProducerConfig config() {
        ClientSettings client = clientSettings();
        return new ProducerConfig(client, producerGroup, sendMsgTimeoutMillis, retryTimesWhenSendFailed,
                retryTimesWhenSendAsyncFailed, compressMsgBodyOverHowmuch,
                compressType != null ? compressType : Compression.configured(), compressLevel, maxMessageSize,
                sendLatencyFaultEnable);
    }

    BrokerFaultStrategy faultStrategy(ProducerConfig config) {
        if (faultStrategy != null) {
            return faultStrategy;
        }
        return config.sendLatencyFaultEnable() ? new LatencyFaultStrategy() : BrokerFaultStrategy.none();
    }
}
