package io.apogee.client.target;

import java.util.List;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * A running cluster a client test talks to: ours or the official 5.3.3 one, so that one test class
 * can be run against both ({@link Targets}). A target is shared by every test class of the test JVM:
 * tests use unique topic and group names and never stop or reconfigure its brokers.
 */
public interface Target {
    /** {@code apogee} or {@code official}. */
    String name();

    boolean official();

    /** The single name server, {@code 127.0.0.1:port}. */
    String namesrvAddr();

    String clusterName();

    /** The masters, in start order. */
    List<String> brokerNames();

    String brokerAddr(String brokerName);

    /**
     * Creates {@code topic} with {@code queuesPerBroker} read and write queues (perm 6) on every broker and waits
     * until the name server's route lists them all.
     */
    void createTopic(String topic, int queuesPerBroker);

    /** Creates subscription group {@code group} on every broker with mqadmin's defaults. */
    void createGroup(String group);

    /** The stored message an offset message id (a send result's {@code offsetMsgId}) points at, as the broker returns it. */
    MessageExt viewMessage(String topic, String offsetMsgId);

    /** Messages in every queue of {@code topic} on every broker (sum of max minus min offsets). */
    long messageCount(String topic);

    /** Client ids of the producers of {@code group} the broker serving {@code topic} knows from heartbeats. */
    java.util.Set<String> producerClientIds(String group, String topic);

    /**
     * The fixture's official admin client, for checks no other method covers (consumer connections,
     * consume stats). Shared: do not shut it down.
     */
    org.apache.rocketmq.tools.admin.DefaultMQAdminExt admin();
}
