package io.apogee.client;

import io.apogee.broker.BrokerConfig;
import io.apogee.broker.BrokerController;
import io.apogee.common.message.MessageIds;
import io.apogee.common.message.MessageRecord;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.namesrv.NamesrvController;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.TopicRouteData;
import io.apogee.remoting.protocol.header.NamesrvHeaders;
import io.apogee.remoting.tls.TlsConfig;
import io.apogee.store.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.awaitility.Awaitility;

/**
 * Our name server and one or more of our brokers (auto-creation of topics on, as by default) on
 * 127.0.0.1 ephemeral ports, with their data under a temporary directory. Close it after use.
 * Not thread-safe; for one test at a time.
 */
public final class ClusterFixture implements AutoCloseable {
    private final NamesrvController namesrv;
    private final Map<String, BrokerController> brokers = new LinkedHashMap<>();
    private final String namesrvAddr;
    private final Properties brokerSettings;

    public ClusterFixture(Path dir, String... brokerNames) throws IOException {
        this(dir, new Properties(), brokerNames);
    }

    /** @param brokerSettings broker configuration keys applied to every broker after the fixture's own */
    public ClusterFixture(Path dir, Properties brokerSettings, String... brokerNames) throws IOException {
        this.brokerSettings = brokerSettings;
        Properties ns = new Properties();
        ns.setProperty("listenPort", "0");
        ns.setProperty("bindAddress", "127.0.0.1");
        ns.setProperty("kvConfigPath", dir.resolve("namesrv/kvConfig.json").toString());
        ns.setProperty("configStorePath", dir.resolve("namesrv/namesrv.properties").toString());
        NamesrvConfig nsConfig = new NamesrvConfig();
        nsConfig.apply(ns);
        Properties tls = new Properties();
        tls.setProperty(TlsConfig.SERVER_MODE, "disabled");
        namesrv = new NamesrvController(nsConfig, TlsConfig.from(tls));
        namesrv.start();
        namesrvAddr = "127.0.0.1:" + namesrv.port();
        try {
            for (String name : brokerNames) {
                brokers.put(name, startBroker(dir.resolve(name), name));
            }
            awaitTemplateRoute(brokerNames.length);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private BrokerController startBroker(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("brokerName", name);
        p.setProperty("brokerIP1", "127.0.0.1");
        p.setProperty("bindAddress", "127.0.0.1");
        p.setProperty("listenPort", "0");
        p.setProperty("namesrvAddr", namesrvAddr);
        p.setProperty("useEpollNativeSelector", "false");
        p.putAll(brokerSettings);
        BrokerConfig config = new BrokerConfig();
        config.apply(p);
        StoreConfig store = StoreConfig.builder().storePathRootDir(dir).mappedFileSizeCommitLog(16 * 1024 * 1024)
                .mappedFileSizeConsumeQueue(60 * 1024).build();
        BrokerController broker = new BrokerController(config, store, TlsConfig.defaults(), Clock.systemUTC());
        broker.start();
        return broker;
    }

    /** Waits until the name server's TBW102 route names every broker: producers derive new topics from it. */
    private void awaitTemplateRoute(int brokerCount) throws IOException {
        awaitRoute("TBW102", brokerCount);
    }

    /**
     * Creates {@code topic} on every broker and waits until its route names them all, so that a test
     * does not depend on which brokers happened to receive a first, auto-creating send.
     */
    public void createTopic(String topic, int queueNums) throws IOException {
        for (BrokerController broker : brokers.values()) {
            broker.context().topics().update(io.apogee.common.metadata.TopicConfig.of(topic, queueNums, 6));
        }
        awaitRoute(topic, brokers.size());
    }

    private void awaitRoute(String topic, int brokerCount) throws IOException {
        try (NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig())) {
            client.start();
            Awaitility.await(topic + " route with " + brokerCount + " broker(s)").atMost(Duration.ofSeconds(20))
                    .until(() -> {
                        RemotingCommand response = client.invokeSync(namesrvAddr, RemotingCommand.request(
                                RequestCode.GET_ROUTEINFO_BY_TOPIC, new NamesrvHeaders.GetRouteInfo(topic, null)),
                                3000);
                        return response.code() == ResponseCode.SUCCESS
                                && JsonBody.decode(response.body(), TopicRouteData.class).brokerDatas().size()
                                == brokerCount;
                    });
        }
    }

    public String namesrvAddr() {
        return namesrvAddr;
    }

    public BrokerController broker(String name) {
        return brokers.get(name);
    }

    public void stopBroker(String name) {
        BrokerController broker = brokers.remove(name);
        if (broker != null) {
            broker.shutdown();
        }
    }

    /** The stored record a send result's offset message id points at, on the named broker. */
    public MessageRecord stored(String brokerName, String offsetMsgId) {
        long offset = MessageIds.decode(offsetMsgId).offset();
        return brokers.get(brokerName).context().store().lookMessageByOffset(offset);
    }

    /** Messages in every queue of {@code topic} on every running broker. */
    public long messageCount(String topic) {
        long total = 0;
        for (BrokerController broker : brokers.values()) {
            for (int q = 0; q < 16; q++) {
                total += broker.context().store().maxOffsetInQueue(topic, q);
            }
        }
        return total;
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (BrokerController broker : brokers.values()) {
            try {
                broker.shutdown();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        brokers.clear();
        if (namesrv != null) {
            namesrv.shutdown();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
