package io.apogee.client.producer;

import io.apogee.client.runtime.ClientId;
import io.apogee.client.runtime.ClientSettings;
import io.apogee.remoting.RpcHook;

/**
 * The settings every producer builder shares, with the official client's names and defaults. The name
 * servers default to {@code rocketmq.namesrv.addr} or {@code NAMESRV_ADDR}. Not thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ProducerBuilderBase<B extends ProducerBuilderBase<B>> {
    private String namesrvAddr = System.getProperty("rocketmq.namesrv.addr", System.getenv("NAMESRV_ADDR"));
    private String producerGroup;
    private String clientIp;
    private String instanceName = ClientId.configuredInstanceName();
    private String unitName;
    private long pollNameServerIntervalMillis = ClientSettings.DEFAULT_POLL_NAMESRV_INTERVAL_MILLIS;
    private long heartbeatBrokerIntervalMillis = ClientSettings.DEFAULT_HEARTBEAT_INTERVAL_MILLIS;
    private long mqClientApiTimeoutMillis = ClientSettings.DEFAULT_API_TIMEOUT_MILLIS;
    private long sendMsgTimeoutMillis = 3000;
    private int retryTimesWhenSendFailed = 2;
    private int retryTimesWhenSendAsyncFailed = 2;
    private int compressMsgBodyOverHowmuch = 4096;
    private int compressLevel = BodyCompressor.configuredLevel();
    private int maxMessageSize = ProducerConfig.DEFAULT_MAX_MESSAGE_SIZE;
    private boolean sendLatencyFaultEnable = true;
    private BrokerFaultStrategy faultStrategy;
    private Boolean useTLS;
    private RpcHook rpcHook;

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** {@code host:port[;host:port...]}. */
    public B namesrvAddr(String namesrvAddr) {
        this.namesrvAddr = namesrvAddr;
        return self();
    }

    public B producerGroup(String producerGroup) {
        this.producerGroup = producerGroup;
        return self();
    }

    /** The address in the client id and in unique keys; defaults to the first site-local address. */
    public B clientIp(String clientIp) {
        this.clientIp = clientIp;
        return self();
    }

    /** Producers with the same instance name share one client runtime; default {@code pid#nanoTime}. */
    public B instanceName(String instanceName) {
        this.instanceName = instanceName;
        return self();
    }

    public B unitName(String unitName) {
        this.unitName = unitName;
        return self();
    }

    public B pollNameServerInterval(long millis) {
        this.pollNameServerIntervalMillis = millis;
        return self();
    }

    public B heartbeatBrokerInterval(long millis) {
        this.heartbeatBrokerIntervalMillis = millis;
        return self();
    }

    public B mqClientApiTimeout(long millis) {
        this.mqClientApiTimeoutMillis = millis;
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

    /** Connect with TLS (default: the {@code tls.enable} system property). */
    public B useTLS(boolean useTLS) {
        this.useTLS = useTLS;
        return self();
    }

    /**
     * A hook run around every request of this client, such as the ACL signature hook. Producers and
     * consumers with one client id share one runtime: the first one's hook is used.
     */
    public B rpcHook(RpcHook rpcHook) {
        this.rpcHook = rpcHook;
        return self();
    }

    /** @throws IllegalArgumentException naming the first bad setting */
    ProducerConfig config() {
        String ip = clientIp != null ? clientIp : ClientId.localAddress().getHostAddress();
        ClientSettings client = ClientSettings.of(namesrvAddr, ip, ClientId.uniqueInstanceName(instanceName),
                unitName, pollNameServerIntervalMillis, heartbeatBrokerIntervalMillis, mqClientApiTimeoutMillis,
                useTLS, rpcHook);
        return new ProducerConfig(client, producerGroup, sendMsgTimeoutMillis, retryTimesWhenSendFailed,
                retryTimesWhenSendAsyncFailed, compressMsgBodyOverHowmuch, compressLevel, maxMessageSize,
                sendLatencyFaultEnable);
    }

    BrokerFaultStrategy faultStrategy(ProducerConfig config) {
        if (faultStrategy != null) {
            return faultStrategy;
        }
        return config.sendLatencyFaultEnable() ? new LatencyFaultStrategy() : BrokerFaultStrategy.none();
    }
}
