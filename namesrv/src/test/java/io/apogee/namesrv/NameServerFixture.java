package io.apogee.namesrv;

import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingVersion;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.common.metadata.DataVersion;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.RegisterBrokerBody;
import io.apogee.common.metadata.TopicConfig;
import io.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import io.apogee.remoting.protocol.header.NamesrvHeaders;
import io.apogee.remoting.tls.TlsConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** A name server on an ephemeral loopback port with its data in a temporary directory, and a client. */
final class NameServerFixture implements AutoCloseable {
    final Path dir;
    final NamesrvController controller;
    final NettyRemotingClient client;
    final String address;

    NameServerFixture(Path dir, String... settings) throws Exception {
        this.dir = dir;
        Properties properties = new Properties();
        properties.setProperty("listenPort", "0");
        properties.setProperty("bindAddress", "127.0.0.1");
        properties.setProperty("kvConfigPath", dir.resolve("kvConfig.json").toString());
        properties.setProperty("configStorePath", dir.resolve("namesrv.properties").toString());
        for (int i = 0; i < settings.length; i += 2) {
            properties.setProperty(settings[i], settings[i + 1]);
        }
        NamesrvConfig config = new NamesrvConfig();
        config.apply(properties);
        Properties tls = new Properties();
        tls.setProperty(TlsConfig.SERVER_MODE, "disabled");
        controller = new NamesrvController(config, TlsConfig.from(tls));
        controller.start();
        address = "127.0.0.1:" + controller.port();
        client = new NettyRemotingClient(new NettyClientConfig());
        client.start();
    }

    RemotingCommand call(RemotingCommand request) throws Exception {
        return client.invokeSync(address, request, 5000);
    }

    /** Registers like an official broker: a full JSON body with the given topics. */
    RemotingCommand register(NettyRemotingClient from, String cluster, String brokerName, long brokerId, String addr,
            DataVersion version, Long timeoutMillis, TopicConfig... topics) throws Exception {
        Map<String, TopicConfig> table = new LinkedHashMap<>();
        for (TopicConfig topic : topics) {
            table.put(topic.topicName(), topic);
        }
        byte[] body = JsonBody.encode(new RegisterBrokerBody(
                new TopicConfigSerializeWrapper(version, DataVersion.ZERO, table, Map.of(), Map.of()), List.of()));
        RemotingCommand request = RemotingCommand.request(RequestCode.REGISTER_BROKER,
                new NamesrvHeaders.RegisterBroker(brokerName, addr, cluster, "127.0.0.1:10912", brokerId, timeoutMillis,
                        false, false, 0)).body(body).version(RemotingVersion.CURRENT);
        return from.invokeSync(address, request, 5000);
    }

    @Override
    public void close() {
        client.shutdown();
        controller.shutdown();
    }
}
