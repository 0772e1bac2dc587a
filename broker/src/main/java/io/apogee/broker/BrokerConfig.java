package io.apogee.broker;

import io.apogee.acl.AuthConfig;
import io.apogee.acl.AuthSettings;
import io.apogee.common.config.PropertiesBinder;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The broker's own settings (the store's are in {@code StoreConfig}), under RocketMQ's key names and
 * with its defaults. Bound by name from the same {@code key=value} file; fields that
 * {@code UPDATE_BROKER_CONFIG} may change at run time are volatile. Thread-safe for reads.
 */
public final class BrokerConfig {
    private volatile String brokerClusterName = "DefaultCluster";
    private volatile String brokerName = defaultBrokerName();
    private volatile long brokerId = 0;
    private volatile String brokerIP1 = defaultAddress();
    private volatile String namesrvAddr = System.getProperty("rocketmq.namesrv.addr", System.getenv("NAMESRV_ADDR"));
    private volatile String bindAddress = "0.0.0.0";
    private volatile int listenPort = 10911;
    private volatile String brokerRole = "ASYNC_MASTER";
    private volatile int brokerPermission = 6;
    private volatile boolean autoCreateTopicEnable = true;
    private volatile boolean autoCreateSubscriptionGroup = true;
    private volatile int defaultTopicQueueNums = 8;
    private volatile String regionId = "DefaultRegion";
    private volatile boolean traceOn = true;
    private volatile boolean longPollingEnable = true;
    private volatile long shortPollingTimeMills = 1000;
    private volatile int registerNameServerPeriod = 30_000;
    private volatile int registerBrokerTimeoutMills = 24_000;
    private volatile long channelExpiredTimeout = 120_000;
    private volatile int flushConsumerOffsetInterval = 5_000;
    private volatile boolean rejectTransactionMessage = false;
    private volatile long transactionCheckInterval = 30_000;
    private volatile long transactionTimeOut = 6_000;
    private volatile int transactionCheckMax = 15;
    private volatile long flushDelayOffsetInterval = 10_000;
    private volatile boolean enablePropertyFilter = false;
    private volatile int sendMessageThreadPoolNums = Math.min(Runtime.getRuntime().availableProcessors(), 4);
    private volatile int pullMessageThreadPoolNums = 16 + Runtime.getRuntime().availableProcessors() * 2;
    private volatile int queryMessageThreadPoolNums = 8 + Runtime.getRuntime().availableProcessors();
    private volatile int adminBrokerThreadPoolNums = 16;
    private volatile int clientManageThreadPoolNums = 32;
    private volatile int consumerManageThreadPoolNums = 32;
    private volatile int sendThreadPoolQueueCapacity = 10_000;
    private volatile int pullThreadPoolQueueCapacity = 100_000;
    private volatile int queryThreadPoolQueueCapacity = 20_000;
    private volatile int clientManagerThreadPoolQueueCapacity = 1_000_000;
    private volatile int consumerManagerThreadPoolQueueCapacity = 1_000_000;
    private volatile int adminBrokerThreadPoolQueueCapacity = 10_000;
    private volatile int serverSelectorThreads = 3;
    private volatile int serverWorkerThreads = 8;
    private volatile int serverChannelMaxIdleTimeSeconds = 120;
    private volatile boolean useEpollNativeSelector = true;
    private volatile int defaultQueryMaxNum = 32;
    private volatile long startAcceptSendRequestTimeStamp = 0;
    // ACL 2.0 keys, bound apart and read once at start (UPDATE_BROKER_CONFIG does not reach them).
    private final AuthSettings auth = new AuthSettings();

    /**
     * Applies {@code properties}; keys of other settings (the store's, TLS) are ignored here.
     *
     * @return keys that name no broker setting
     * @throws IllegalArgumentException when a value does not parse or is out of range
     */
    public List<String> apply(Properties properties) {
        List<String> unknown = PropertiesBinder.bind(properties, this);
        unknown.retainAll(auth.apply(properties));
        validate();
        return unknown;
    }

    private void validate() {
        if (brokerName == null || brokerName.isBlank()) {
            throw new IllegalArgumentException("brokerName must not be empty");
        }
        if (brokerClusterName == null || brokerClusterName.isBlank()) {
            throw new IllegalArgumentException("brokerClusterName must not be empty");
        }
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("listenPort must be between 0 and 65535, not " + listenPort);
        }
        if (brokerPermission < 0 || brokerPermission > 7) {
            throw new IllegalArgumentException("brokerPermission must be between 0 and 7, not " + brokerPermission);
        }
        if (brokerId < 0) {
            throw new IllegalArgumentException("brokerId must not be negative, not " + brokerId);
        }
    }

    /** Every broker setting, sorted by key; the ACL credentials are masked. */
    public Map<String, String> describe() {
        Map<String, String> settings = new TreeMap<>(PropertiesBinder.describe(this));
        settings.putAll(auth.describe());
        return settings;
    }

    /**
     * The ACL settings, with users and ACLs stored in {@code configDir}.
     *
     * @throws IllegalArgumentException when a whitelist or credential setting does not parse
     */
    public AuthConfig authConfig(Path configDir) {
        return auth.toConfig(brokerClusterName, configDir);
    }

    /** Whether {@code key} is a broker setting. */
    public static boolean knows(String key) {
        return PropertiesBinder.knows(BrokerConfig.class, key);
    }

    /** The address clients and name servers use to reach this broker. */
    public String brokerAddr(int port) {
        return brokerIP1 + ":" + port;
    }

    private static String defaultBrokerName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "DEFAULT_BROKER";
        }
    }

    /** The first site-local IPv4 address of the host, or loopback when there is none. */
    private static String defaultAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof java.net.Inet4Address && !address.isLoopbackAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (SocketException ignored) {
            // fall through to loopback
        }
        return "127.0.0.1";
    }

    public String brokerClusterName() {
        return brokerClusterName;
    }

    public String brokerName() {
        return brokerName;
    }

    public long brokerId() {
        return brokerId;
    }

    public String brokerIP1() {
        return brokerIP1;
    }

    public String namesrvAddr() {
        return namesrvAddr;
    }

    /** The name servers, from the {@code ;}-separated {@code namesrvAddr}. */
    public List<String> namesrvAddrs() {
        if (namesrvAddr == null || namesrvAddr.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(namesrvAddr.split(";")).map(String::trim).filter(a -> !a.isEmpty()).toList();
    }

    public String bindAddress() {
        return bindAddress;
    }

    public int listenPort() {
        return listenPort;
    }

    public String brokerRole() {
        return brokerRole;
    }

    public int brokerPermission() {
        return brokerPermission;
    }

    public boolean autoCreateTopicEnable() {
        return autoCreateTopicEnable;
    }

    public boolean autoCreateSubscriptionGroup() {
        return autoCreateSubscriptionGroup;
    }

    public int defaultTopicQueueNums() {
        return defaultTopicQueueNums;
    }

    public String regionId() {
        return regionId;
    }

    public boolean traceOn() {
        return traceOn;
    }

    public boolean longPollingEnable() {
        return longPollingEnable;
    }

    public long shortPollingTimeMills() {
        return shortPollingTimeMills;
    }

    public int registerNameServerPeriod() {
        return Math.max(10_000, Math.min(60_000, registerNameServerPeriod));
    }

    public int registerBrokerTimeoutMills() {
        return registerBrokerTimeoutMills;
    }

    public long channelExpiredTimeout() {
        return channelExpiredTimeout;
    }

    public int flushConsumerOffsetInterval() {
        return flushConsumerOffsetInterval;
    }

    public boolean rejectTransactionMessage() {
        return rejectTransactionMessage;
    }

    /** How often half messages are walked for check-backs (read at start). */
    public long transactionCheckInterval() {
        return transactionCheckInterval;
    }

    /** How old a half message must be before its producer is asked about it. */
    public long transactionTimeOut() {
        return transactionTimeOut;
    }

    /** How many check-backs a half message gets before it is given up. */
    public int transactionCheckMax() {
        return transactionCheckMax;
    }

    /** How often the delay levels' progress is saved to {@code delayOffset.json} (read at start). */
    public long flushDelayOffsetInterval() {
        return flushDelayOffsetInterval;
    }

    public boolean enablePropertyFilter() {
        return enablePropertyFilter;
    }

    public int sendMessageThreadPoolNums() {
        return sendMessageThreadPoolNums;
    }

    public int pullMessageThreadPoolNums() {
        return pullMessageThreadPoolNums;
    }

    public int queryMessageThreadPoolNums() {
        return queryMessageThreadPoolNums;
    }

    public int adminBrokerThreadPoolNums() {
        return adminBrokerThreadPoolNums;
    }

    public int clientManageThreadPoolNums() {
        return clientManageThreadPoolNums;
    }

    public int consumerManageThreadPoolNums() {
        return consumerManageThreadPoolNums;
    }

    public int sendThreadPoolQueueCapacity() {
        return sendThreadPoolQueueCapacity;
    }

    public int pullThreadPoolQueueCapacity() {
        return pullThreadPoolQueueCapacity;
    }

    public int queryThreadPoolQueueCapacity() {
        return queryThreadPoolQueueCapacity;
    }

    public int clientManagerThreadPoolQueueCapacity() {
        return clientManagerThreadPoolQueueCapacity;
    }

    public int consumerManagerThreadPoolQueueCapacity() {
        return consumerManagerThreadPoolQueueCapacity;
    }

    public int adminBrokerThreadPoolQueueCapacity() {
        return adminBrokerThreadPoolQueueCapacity;
    }

    public int serverSelectorThreads() {
        return serverSelectorThreads;
    }

    public int serverWorkerThreads() {
        return serverWorkerThreads;
    }

    public int serverChannelMaxIdleTimeSeconds() {
        return serverChannelMaxIdleTimeSeconds;
    }

    public boolean useEpollNativeSelector() {
        return useEpollNativeSelector;
    }

    public int defaultQueryMaxNum() {
        return defaultQueryMaxNum;
    }

    public long startAcceptSendRequestTimeStamp() {
        return startAcceptSendRequestTimeStamp;
    }

    public boolean isWritable() {
        return (brokerPermission & 2) != 0;
    }

    public boolean isReadable() {
        return (brokerPermission & 4) != 0;
    }
}
