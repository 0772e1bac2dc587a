package io.apogee.client.security;

import io.apogee.broker.BrokerConfig;
import io.apogee.broker.BrokerController;
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
import java.util.Map;
import java.util.Properties;
import org.awaitility.Awaitility;

/**
 * Our name server (permissive TLS by default, so that plaintext and TLS clients both reach it) and one broker
 * named {@code broker-sec} with the given extra broker settings (ACL keys) and TLS settings, in process
 * on 127.0.0.1 ephemeral ports, data under {@code dir}. For the client's credential and TLS tests.
 */
final class SecuredCluster implements AutoCloseable {
    static final String BROKER = "broker-sec";

    private final NamesrvController namesrv;
    private final BrokerController broker;

    SecuredCluster(Path dir, Map<String, String> brokerSettings, TlsConfig brokerTls) throws IOException {
        this(dir, TlsConfig.defaults(), brokerSettings, brokerTls);
    }

    /** With the name server's own TLS settings (its mode should stay permissive, for the route checks). */
    SecuredCluster(Path dir, TlsConfig namesrvTls, Map<String, String> brokerSettings, TlsConfig brokerTls)
            throws IOException {
        Properties ns = new Properties();
        ns.setProperty("listenPort", "0");
        ns.setProperty("bindAddress", "127.0.0.1");
        ns.setProperty("kvConfigPath", dir.resolve("namesrv/kvConfig.json").toString());
        ns.setProperty("configStorePath", dir.resolve("namesrv/namesrv.properties").toString());
        NamesrvConfig nsConfig = new NamesrvConfig();
        nsConfig.apply(ns);
        namesrv = new NamesrvController(nsConfig, namesrvTls);
        namesrv.start();
        try {
            Path brokerDir = Files.createDirectories(dir.resolve(BROKER));
            Properties p = new Properties();
            p.setProperty("brokerName", BROKER);
            p.setProperty("brokerIP1", "127.0.0.1");
            p.setProperty("bindAddress", "127.0.0.1");
            p.setProperty("listenPort", "0");
            p.setProperty("namesrvAddr", namesrvAddr());
            p.setProperty("useEpollNativeSelector", "false");
            brokerSettings.forEach(p::setProperty);
            BrokerConfig config = new BrokerConfig();
            config.apply(p);
            StoreConfig store = StoreConfig.builder().storePathRootDir(brokerDir)
                    .mappedFileSizeCommitLog(16 * 1024 * 1024).mappedFileSizeConsumeQueue(60 * 1024).build();
            broker = new BrokerController(config, store, brokerTls, Clock.systemUTC());
            broker.start();
        } catch (IOException | RuntimeException e) {
            namesrv.shutdown();
            throw e;
        }
    }

    String namesrvAddr() {
        return "127.0.0.1:" + namesrv.port();
    }

    String brokerAddr() {
        return "127.0.0.1:" + broker.port();
    }

    /** Creates {@code topic} on the broker (bypassing ACL, as an operator's file would) and waits for its route. */
    void createTopic(String topic, int queues) throws IOException {
        broker.context().topics().update(io.apogee.common.metadata.TopicConfig.of(topic, queues, 6));
        try (NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig().useTLS(false))) {
            client.start();
            Awaitility.await(topic + " route").atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                RemotingCommand response = client.invokeSync(namesrvAddr(), RemotingCommand.request(
                        RequestCode.GET_ROUTEINFO_BY_TOPIC, new NamesrvHeaders.GetRouteInfo(topic, null)), 3000);
                return response.code() == ResponseCode.SUCCESS
                        && !JsonBody.decode(response.body(), TopicRouteData.class).brokerDatas().isEmpty();
            });
        }
    }

    /** Messages stored in {@code topic}'s queues 0..15. */
    long messageCount(String topic) {
        long total = 0;
        for (int q = 0; q < 16; q++) {
            total += broker.context().store().maxOffsetInQueue(topic, q);
        }
        return total;
    }

    @Override
    public void close() {
        try {
            broker.shutdown();
        } finally {
            namesrv.shutdown();
        }
    }
}
