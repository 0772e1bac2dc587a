package io.apogee.it.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.it.support.ApogeeBrokerProcess;
import io.apogee.it.support.ApogeeNamesrvProcess;
import io.apogee.it.support.MqAdmin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two of our brokers in one cluster behind one name server: a topic created on the cluster by the
 * official {@code mqadmin} lives on both, the official producer spreads its sends over both, and when
 * one broker stops (SIGTERM) the producer's sends keep succeeding on the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoBrokersOfficialTest {
    private static final String TOPIC = "TwoBrokersTopic";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private ApogeeNamesrvProcess namesrv;
    private ApogeeBrokerProcess brokerA;
    private ApogeeBrokerProcess brokerB;
    private DefaultMQProducer producer;
    private DefaultMQAdminExt admin;

    @BeforeAll
    void startApogee() throws Exception {
        namesrv = ApogeeNamesrvProcess.start();
        brokerA = ApogeeBrokerProcess.start("broker-a", namesrv.address(), Map.of());
        brokerB = ApogeeBrokerProcess.start("broker-b", namesrv.address(), Map.of());
        admin = new DefaultMQAdminExt("two_brokers_admin");
        admin.setNamesrvAddr(namesrv.address());
        admin.start();
    }

    @AfterAll
    void stopApogee() {
        if (producer != null) {
            producer.shutdown();
        }
        if (admin != null) {
            admin.shutdown();
        }
        for (ApogeeBrokerProcess broker : new ApogeeBrokerProcess[] {brokerB, brokerA}) {
            if (broker != null) {
                broker.close();
            }
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    private SendResult send(int seq) throws Exception {
        SendResult result = producer.send(new Message(TOPIC, ("message " + seq).getBytes(StandardCharsets.UTF_8)));
        assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        return result;
    }

    @Test
    void sendsSpreadOverBothBrokersAndFailOverWhenOneStops() throws Exception {
        await("both brokers in ItCluster").atMost(DEADLINE).untilAsserted(() ->
                assertThat(admin.examineBrokerClusterInfo().getClusterAddrTable().get("ItCluster"))
                        .containsExactlyInAnyOrder("broker-a", "broker-b"));
        MqAdmin.Result created = MqAdmin.run("updateTopic", "-c", "ItCluster", "-t", TOPIC, "-r", "4", "-w", "4",
                "-n", namesrv.address());
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.output()).as(created.toString())
                .contains("create topic to " + brokerA.address() + " success.")
                .contains("create topic to " + brokerB.address() + " success.");
        await("route on both brokers").atMost(DEADLINE).untilAsserted(() -> {
            TopicRouteData route = admin.examineTopicRouteInfo(TOPIC);
            assertThat(route.getQueueDatas()).extracting(q -> q.getBrokerName())
                    .containsExactlyInAnyOrder("broker-a", "broker-b");
        });

        producer = new DefaultMQProducer("two_brokers_producer");
        producer.setNamesrvAddr(namesrv.address());
        producer.setPollNameServerInterval(1_000);
        producer.setSendMsgTimeout(3_000);
        producer.setRetryTimesWhenSendFailed(3);
        producer.start();

        Map<String, Integer> perBroker = new HashMap<>();
        for (int seq = 0; seq < 40; seq++) {
            perBroker.merge(send(seq).getMessageQueue().getBrokerName(), 1, Integer::sum);
        }
        // Round robin over the 8 queues of the route: 20 each.
        assertThat(perBroker).containsOnlyKeys("broker-a", "broker-b");
        assertThat(perBroker.get("broker-a")).isEqualTo(20);

        int stopped = brokerB.stopAndWait();
        assertThat(stopped).as("broker-b exits on SIGTERM (143 = after its shutdown hook), not killed").isIn(0, 143);

        // The producer retries on the other broker; at worst a send in flight at the stop fails, so allow
        // a short window in which a send may fail, then every send must succeed on broker-a.
        int[] seq = {1000};
        await("a send succeeds after broker-b stopped").atMost(DEADLINE).ignoreExceptions().until(() ->
                send(seq[0]++).getMessageQueue().getBrokerName().equals("broker-a"));
        for (int i = 0; i < 40; i++) {
            assertThat(send(2000 + i).getMessageQueue().getBrokerName()).isEqualTo("broker-a");
        }
        await("broker-b gone from the route").atMost(DEADLINE).untilAsserted(() ->
                assertThat(admin.examineTopicRouteInfo(TOPIC).getQueueDatas()).extracting(q -> q.getBrokerName())
                        .containsExactly("broker-a"));
        long onA = admin.examineTopicStats(TOPIC).getOffsetTable().entrySet().stream()
                .filter(e -> e.getKey().getBrokerName().equals("broker-a"))
                .mapToLong(e -> e.getValue().getMaxOffset()).sum();
        assertThat(onA).isGreaterThanOrEqualTo(20 + 40 + 1);
    }
}
