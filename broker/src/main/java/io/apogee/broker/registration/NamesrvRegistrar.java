package io.apogee.broker.registration;

import io.apogee.broker.BrokerConfig;
import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.common.metadata.DataVersion;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.RegisterBrokerBody;
import io.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import io.apogee.remoting.protocol.header.NamesrvHeaders;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces this broker and its whole topic table to every configured name server (at start, on a
 * timer, and after topic changes), and withdraws it at shutdown. Registrations to several name
 * servers go out in parallel; one unreachable name server never delays the others. Thread-safe.
 */
public final class NamesrvRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(NamesrvRegistrar.class);

    private final BrokerConfig config;
    private final TopicConfigManager topics;
    private final NettyRemotingClient client;
    private final String brokerAddr;
    private final String haServerAddr;

    public NamesrvRegistrar(BrokerConfig config, TopicConfigManager topics, NettyRemotingClient client,
            String brokerAddr, String haServerAddr) {
        this.config = config;
        this.topics = topics;
        this.client = client;
        this.brokerAddr = brokerAddr;
        this.haServerAddr = haServerAddr;
    }

    /**
     * Registers with every name server and waits for the answers.
     *
     * @return how many name servers accepted the registration
     */
    public int registerAll() {
        List<String> namesrvs = config.namesrvAddrs();
        if (namesrvs.isEmpty()) {
            return 0;
        }
        TopicConfigManager.Snapshot snapshot = topics.snapshot();
        DataVersion version = snapshot.dataVersion();
        byte[] body = JsonBody.encode(new RegisterBrokerBody(new TopicConfigSerializeWrapper(version, DataVersion.ZERO,
                snapshot.topics(), Map.of(), Map.of()), List.of()));
        CRC32 crc = new CRC32();
        crc.update(body);
        int bodyCrc = (int) crc.getValue() & 0x7FFFFFFF;
        List<CompletableFuture<Boolean>> calls = namesrvs.stream().map(namesrv -> {
            RemotingCommand request = RemotingCommand.request(RequestCode.REGISTER_BROKER,
                    new NamesrvHeaders.RegisterBroker(config.brokerName(), brokerAddr, config.brokerClusterName(),
                            haServerAddr, config.brokerId(), null, false, false, bodyCrc)).body(body);
            return client.invokeAsync(namesrv, request, config.registerBrokerTimeoutMills()).handle((response, failure) -> {
                if (failure != null) {
                    LOG.warn("registration with name server {} failed: {}", namesrv, failure.toString());
                    return false;
                }
                if (response.code() != ResponseCode.SUCCESS) {
                    LOG.warn("name server {} refused the registration: {} {}", namesrv, response.code(), response.remark());
                    return false;
                }
                return true;
            });
        }).toList();
        int accepted = 0;
        for (CompletableFuture<Boolean> call : calls) {
            if (call.join()) {
                accepted++;
            }
        }
        LOG.debug("registered {} topics at version {} with {}/{} name servers", snapshot.topics().size(), version,
                accepted, namesrvs.size());
        return accepted;
    }

    /** Withdraws this broker from every name server, waiting briefly for each. */
    public void unregisterAll() {
        for (String namesrv : config.namesrvAddrs()) {
            try {
                client.invokeSync(namesrv, RemotingCommand.request(RequestCode.UNREGISTER_BROKER,
                        new NamesrvHeaders.UnregisterBroker(config.brokerName(), brokerAddr, config.brokerClusterName(),
                                config.brokerId())), 3000);
                LOG.info("unregistered from name server {}", namesrv);
            } catch (Exception e) {
                LOG.warn("could not unregister from name server {}: {}", namesrv, e.toString());
            }
        }
    }
}
