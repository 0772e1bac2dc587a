package io.apogee.namesrv;

import io.apogee.acl.AuthConfig;
import io.apogee.acl.AuthSettings;
import io.apogee.common.config.PropertiesBinder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The name server's settings, under RocketMQ's key names and with its defaults, plus the network
 * settings of its listener. Fields are bound by name from {@code key=value} files and may change at
 * run time through {@code UPDATE_NAMESRV_CONFIG}, hence volatile. Thread-safe for reads.
 */
public final class NamesrvConfig {
    private volatile String rocketmqHome = System.getProperty("rocketmq.home.dir", System.getenv("ROCKETMQ_HOME"));
    private volatile String kvConfigPath = Path.of(System.getProperty("user.home"), "namesrv", "kvConfig.json").toString();
    private volatile String configStorePath = Path.of(System.getProperty("user.home"), "namesrv", "namesrv.properties").toString();
    private volatile String productEnvName = "center";
    private volatile boolean clusterTest = false;
    private volatile boolean orderMessageEnable = false;
    private volatile boolean returnOrderTopicConfigToBroker = true;
    private volatile int clientRequestThreadPoolNums = 8;
    private volatile int defaultThreadPoolNums = 16;
    private volatile int clientRequestThreadPoolQueueCapacity = 50_000;
    private volatile int defaultThreadPoolQueueCapacity = 10_000;
    private volatile long scanNotActiveBrokerInterval = 5_000;
    private volatile int unRegisterBrokerQueueCapacity = 3_000;
    private volatile boolean supportActingMaster = false;
    private volatile boolean enableAllTopicList = true;
    private volatile boolean enableTopicList = true;
    private volatile boolean notifyMinBrokerIdChanged = false;
    private volatile boolean enableControllerInNamesrv = false;
    private volatile boolean needWaitForService = false;
    private volatile int waitSecondsForService = 45;
    private volatile boolean deleteTopicWithBrokerRegistration = false;
    private volatile String configBlackList = "configBlackList;configStorePath;kvConfigPath";

    // Network settings of the listener, under the names RocketMQ gives them.
    private volatile String bindAddress = "0.0.0.0";
    private volatile int listenPort = 9876;
    private volatile int serverWorkerThreads = 8;
    private volatile int serverSelectorThreads = 3;
    private volatile int serverChannelMaxIdleTimeSeconds = 120;
    private volatile boolean useEpollNativeSelector = true;
    private volatile int serverCallbackExecutorThreads = 0;
    private volatile int serverOnewaySemaphoreValue = 256;
    private volatile int serverAsyncSemaphoreValue = 64;
    private volatile int serverSocketBacklog = 1024;

    // ACL 2.0 keys, as the broker's; opt-in here (RocketMQ's name server checks nothing), read at start only.
    private final AuthSettings auth = new AuthSettings();

    /** Keys no remote update may change, whatever {@code configBlackList} says. */
    private static final Set<String> ALWAYS_BLACK = Set.of("configBlackList", "configStorePath", "kvConfigPath",
            "rocketmqHome");

    /**
     * Applies {@code properties}.
     *
     * @return keys that name no setting
     * @throws IllegalArgumentException when a value does not parse
     */
    public java.util.List<String> apply(Properties properties) {
        java.util.List<String> unknown = PropertiesBinder.bind(properties, this);
        unknown.retainAll(auth.apply(properties));
        return unknown;
    }

    /** Every setting as sorted {@code key=value} text, as {@code GET_NAMESRV_CONFIG} answers. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        Map<String, String> settings = new java.util.TreeMap<>(PropertiesBinder.describe(this));
        settings.putAll(auth.describe());
        for (Map.Entry<String, String> entry : settings.entrySet()) {
            out.append(entry.getKey()).append('=').append(entry.getValue()).append('\n');
        }
        return out.toString();
    }

    /** Whether a remote update may change {@code key}. */
    public boolean isBlackListed(String key) {
        if (ALWAYS_BLACK.contains(key) || AuthSettings.knows(key)) {
            return true;
        }
        Set<String> configured = new HashSet<>(Arrays.asList(configBlackList.split(";")));
        return configured.contains(key.trim());
    }

    /**
     * The ACL settings; users and ACLs are stored beside the KV file. Cluster-wide requests that name no
     * cluster are checked against {@code DefaultCluster}.
     *
     * @throws IllegalArgumentException when a whitelist or credential setting does not parse
     */
    public AuthConfig authConfig() {
        Path dir = Path.of(kvConfigPath).toAbsolutePath().getParent();
        return auth.toConfig("DefaultCluster", dir);
    }

    public String kvConfigPath() {
        return kvConfigPath;
    }

    public String configStorePath() {
        return configStorePath;
    }

    public boolean orderMessageEnable() {
        return orderMessageEnable;
    }

    public boolean returnOrderTopicConfigToBroker() {
        return returnOrderTopicConfigToBroker;
    }

    public int clientRequestThreadPoolNums() {
        return clientRequestThreadPoolNums;
    }

    public int defaultThreadPoolNums() {
        return defaultThreadPoolNums;
    }

    public int clientRequestThreadPoolQueueCapacity() {
        return clientRequestThreadPoolQueueCapacity;
    }

    public int defaultThreadPoolQueueCapacity() {
        return defaultThreadPoolQueueCapacity;
    }

    public long scanNotActiveBrokerInterval() {
        return scanNotActiveBrokerInterval;
    }

    public boolean supportActingMaster() {
        return supportActingMaster;
    }

    public boolean enableAllTopicList() {
        return enableAllTopicList;
    }

    public boolean enableTopicList() {
        return enableTopicList;
    }

    public boolean needWaitForService() {
        return needWaitForService;
    }

    public int waitSecondsForService() {
        return waitSecondsForService;
    }

    public boolean deleteTopicWithBrokerRegistration() {
        return deleteTopicWithBrokerRegistration;
    }

    public String bindAddress() {
        return bindAddress;
    }

    public int listenPort() {
        return listenPort;
    }

    public int serverWorkerThreads() {
        return serverWorkerThreads;
    }

    public int serverSelectorThreads() {
        return serverSelectorThreads;
    }

    public int serverChannelMaxIdleTimeSeconds() {
        return serverChannelMaxIdleTimeSeconds;
    }

    public boolean useEpollNativeSelector() {
        return useEpollNativeSelector;
    }

    public int serverCallbackExecutorThreads() {
        return serverCallbackExecutorThreads;
    }

    public int serverOnewaySemaphoreValue() {
        return serverOnewaySemaphoreValue;
    }

    public int serverAsyncSemaphoreValue() {
        return serverAsyncSemaphoreValue;
    }

    public int serverSocketBacklog() {
        return serverSocketBacklog;
    }
}
