package io.apogee.broker;

import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageRecordDecoder;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.tls.TlsConfig;
import io.apogee.store.GetMessageResult;
import io.apogee.store.MessageFilter;
import io.apogee.store.StoreConfig;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * A broker on 127.0.0.1 and an ephemeral port with its data in {@code dir}, no name server, any extra
 * broker or store keys (for instance a short {@code messageDelayLevel}), and one client; for the delay
 * and transaction tests. Not thread-safe.
 */
public final class InProcessBroker implements AutoCloseable {
    private final BrokerController controller;
    private final NettyRemotingClient client;

    public InProcessBroker(Path dir, Properties extra) throws Exception {
        Properties p = new Properties();
        p.setProperty("brokerName", "broker-a");
        p.setProperty("brokerIP1", "127.0.0.1");
        p.setProperty("bindAddress", "127.0.0.1");
        p.setProperty("listenPort", "0");
        p.setProperty("namesrvAddr", "");
        p.setProperty("useEpollNativeSelector", "false");
        p.setProperty("storePathRootDir", dir.toString());
        p.setProperty("mappedFileSizeCommitLog", Integer.toString(1 << 20));
        p.setProperty("mappedFileSizeConsumeQueue", Integer.toString(20 * 1000));
        p.putAll(extra);
        BrokerConfig config = new BrokerConfig();
        config.apply(p);
        controller = new BrokerController(config, StoreConfig.fromProperties(p), TlsConfig.defaults(),
                Clock.systemUTC());
        controller.start();
        client = new NettyRemotingClient(new NettyClientConfig());
        client.start();
    }

    public BrokerContext context() {
        return controller.context();
    }

    public String address() {
        return "127.0.0.1:" + controller.port();
    }

    public NettyRemotingClient client() {
        return client;
    }

    public RemotingCommand call(RemotingCommand request) throws Exception {
        return client.invokeSync(address(), request, 5_000);
    }

    /** Every message of a queue, decoded, in queue order. */
    public List<MessageRecord> messages(String topic, int queueId) {
        GetMessageResult result = context().store().getMessages(topic, queueId, 0, 1000, 1 << 24,
                MessageFilter.all());
        List<MessageRecord> out = new ArrayList<>();
        for (ByteBuffer b : result.buffers()) {
            out.add(MessageRecordDecoder.decode(b.duplicate()));
        }
        return out;
    }

    /** Waits up to {@code millis} for {@code condition}; false if it never held. */
    public static boolean await(long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
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
        controller.shutdown();
    }
}
