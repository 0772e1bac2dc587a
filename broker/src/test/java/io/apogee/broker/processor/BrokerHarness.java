package io.apogee.broker.processor;

import io.apogee.broker.BrokerConfig;
import io.apogee.broker.BrokerContext;
import io.apogee.broker.BrokerController;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.tls.TlsConfig;
import io.apogee.store.StoreConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * A broker on 127.0.0.1 with an ephemeral port and its store in a temporary directory (small files,
 * a 64 KiB message limit), and our client connected to it. Close it after use.
 */
final class BrokerHarness implements AutoCloseable {
    static final int MAX_MESSAGE_SIZE = 64 * 1024;
    static final String BROKER_NAME = "broker-a";

    private final BrokerController broker;
    private final NettyRemotingClient client;

    BrokerHarness(Path dir) throws Exception {
        Properties p = new Properties();
        p.setProperty("brokerName", BROKER_NAME);
        p.setProperty("brokerIP1", "127.0.0.1");
        p.setProperty("bindAddress", "127.0.0.1");
        p.setProperty("listenPort", "0");
        p.setProperty("namesrvAddr", "");
        p.setProperty("useEpollNativeSelector", "false");
        BrokerConfig config = new BrokerConfig();
        config.apply(p);
        StoreConfig store = StoreConfig.builder().storePathRootDir(dir).mappedFileSizeCommitLog(1024 * 1024)
                .mappedFileSizeConsumeQueue(20 * 1024).maxMessageSize(MAX_MESSAGE_SIZE).build();
        broker = new BrokerController(config, store, TlsConfig.defaults(), Clock.systemUTC());
        broker.start();
        client = new NettyRemotingClient(new NettyClientConfig());
        client.start();
    }

    BrokerContext context() {
        return broker.context();
    }

    String address() {
        return "127.0.0.1:" + broker.port();
    }

    RemotingCommand call(RemotingCommand request) throws Exception {
        return client.invokeSync(address(), request, 5_000);
    }

    /** Waits up to five seconds for {@code condition}; false if it never held. */
    static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() {
        client.shutdown();
        broker.shutdown();
    }
}
