package io.apogee.broker.processor;

import io.apogee.broker.BrokerContext;
import io.apogee.broker.InProcessBroker;
import io.apogee.remoting.protocol.RemotingCommand;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * A broker on 127.0.0.1 with an ephemeral port and its store in a temporary directory (small files,
 * a 64 KiB message limit), and our client connected to it. Close it after use.
 */
final class BrokerHarness implements AutoCloseable {
    static final int MAX_MESSAGE_SIZE = 64 * 1024;
    static final String BROKER_NAME = "broker-a";

    private final InProcessBroker broker;

    BrokerHarness(Path dir) throws Exception {
        Properties p = new Properties();
        p.setProperty("brokerName", BROKER_NAME);
        p.setProperty("maxMessageSize", Integer.toString(MAX_MESSAGE_SIZE));
        p.setProperty("mappedFileSizeConsumeQueue", Integer.toString(20 * 1024));
        broker = new InProcessBroker(dir, p);
    }

    BrokerContext context() {
        return broker.context();
    }

    String address() {
        return broker.address();
    }

    RemotingCommand call(RemotingCommand request) throws Exception {
        return broker.call(request);
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
        broker.close();
    }
}
