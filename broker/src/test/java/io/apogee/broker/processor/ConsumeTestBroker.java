package io.apogee.broker.processor;

import static org.awaitility.Awaitility.await;

import io.apogee.broker.BrokerContext;
import io.apogee.broker.InProcessBroker;
import io.apogee.common.message.MessageRecord;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.body.ConsumerData;
import io.apogee.remoting.protocol.body.HeartbeatData;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.Permission;
import io.apogee.remoting.protocol.body.SubscriptionData;
import io.apogee.common.metadata.TopicConfig;
import io.apogee.store.PutMessageResult;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A broker on 127.0.0.1 and an ephemeral port, with its data in a temporary directory and small
 * mapped files, no name server, and one client connected to it; for the consume-path tests.
 */
final class ConsumeTestBroker implements AutoCloseable {
    static final String TOPIC = "consume_t";
    static final int QUEUES = 4;
    private static final InetSocketAddress BORN = new InetSocketAddress("127.0.0.1", 50000);

    private final InProcessBroker broker;

    ConsumeTestBroker(Path dir, Properties extra) throws Exception {
        Properties p = new Properties();
        p.setProperty("brokerClusterName", "DefaultCluster");
        p.putAll(extra);
        broker = new InProcessBroker(dir, p);
        broker.context().topics().update(TopicConfig.of(TOPIC, QUEUES, Permission.READ_WRITE));
    }

    ConsumeTestBroker(Path dir) throws Exception {
        this(dir, new Properties());
    }

    NettyRemotingClient newClient() throws Exception {
        NettyRemotingClient c = new NettyRemotingClient(new NettyClientConfig());
        c.start();
        return c;
    }

    BrokerContext context() {
        return broker.context();
    }

    String address() {
        return broker.address();
    }

    NettyRemotingClient client() {
        return broker.client();
    }

    RemotingCommand call(RemotingCommand request) throws Exception {
        return broker.call(request);
    }

    /** Stores a message directly (no send processor) and waits until pulls can see it. */
    long put(String topic, int queueId, String body, String tags) {
        Map<String, String> props = new LinkedHashMap<>();
        if (tags != null) {
            props.put("TAGS", tags);
        }
        props.put("WAIT", "true");
        MessageRecord message = MessageRecord.builder().topic(topic).queueId(queueId)
                .body(body.getBytes(StandardCharsets.UTF_8)).properties(props)
                .bornTimestamp(System.currentTimeMillis()).bornHost(BORN).storeHost(context().storeHost()).build();
        PutMessageResult result = context().store().put(message).join();
        long offset = result.append().queueOffset();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> context().store().maxOffsetInQueue(topic, queueId) > offset);
        return offset;
    }

    /** A heartbeat of one clustering push consumer of {@code group}, subscribed to {@code subscriptions}. */
    static RemotingCommand heartbeat(String clientId, String group, SubscriptionData... subscriptions) {
        ConsumerData consumer = new ConsumerData(group, "CONSUME_PASSIVELY", "CLUSTERING", "CONSUME_FROM_FIRST_OFFSET",
                Set.of(subscriptions), false);
        HeartbeatData data = new HeartbeatData(clientId, Set.of(new HeartbeatData.ProducerData("CLIENT_INNER_PRODUCER")),
                Set.of(consumer), 0, false);
        return RemotingCommand.request(RequestCode.HEART_BEAT).extFields(new LinkedHashMap<>())
                .body(JsonBody.encode(data));
    }

    @Override
    public void close() {
        broker.close();
    }
}
