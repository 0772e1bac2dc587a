package io.apogee.it.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.it.support.ApogeeBrokerProcess;
import io.apogee.it.support.ApogeeNamesrvProcess;
import io.apogee.it.support.MqAdmin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The official 5.3.3 {@code mqadmin} against our name server and broker, as an operator uses it day to
 * day: each command exits 0 and prints what the official broker would make it print (names, queue
 * counts, offsets, the message found by id and by key, a group's progress). The tests run in order and
 * share one name server and one broker: the topic created first is the one the later commands look at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerAdminOfficialTest {
    private static final String TOPIC = "AdminTopic";
    private static final String GROUP = "admin_push_group";
    private static final String KEY = "admin-key-ключ";
    private static final int MESSAGES = 24;
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private ApogeeNamesrvProcess namesrv;
    private ApogeeBrokerProcess broker;
    private DefaultMQProducer producer;
    private DefaultMQPushConsumer consumer;
    private final ExecutorService admins = Executors.newFixedThreadPool(2);
    private SendResult keyed;
    private final byte[] keyedBody = "the keyed body — тело ✓".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    void startApogee() throws Exception {
        namesrv = ApogeeNamesrvProcess.start();
        broker = ApogeeBrokerProcess.start("broker-a", namesrv.address(), Map.of());
    }

    @AfterAll
    void stopApogee() {
        admins.shutdownNow();
        if (consumer != null) {
            consumer.shutdown();
        }
        if (producer != null) {
            producer.shutdown();
        }
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    private MqAdmin.Result mqadmin(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("-n");
        all.add(namesrv.address());
        return MqAdmin.run(all.toArray(String[]::new));
    }

    private CompletableFuture<MqAdmin.Result> mqadminAsync(String... args) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return mqadmin(args);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, admins);
    }

    private static MqAdmin.Result ok(MqAdmin.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.output()).as(result.toString()).doesNotContain("CODE:").doesNotContain("Exception");
        return result;
    }

    @Test
    @Order(1)
    void updateTopicCreatesTheTopicOnTheBroker() throws Exception {
        MqAdmin.Result created = ok(mqadmin("updateTopic", "-b", broker.address(), "-t", TOPIC, "-r", "4", "-w", "4"));
        assertThat(created.output())
                .contains("create topic to " + broker.address() + " success.")
                .contains("TopicConfig [topicName=" + TOPIC + ", readQueueNums=4, writeQueueNums=4, perm=RW-");
    }

    @Test
    @Order(2)
    void topicRouteAndClusterListShowTheBroker() throws Exception {
        CompletableFuture<MqAdmin.Result> route = mqadminAsync("topicRoute", "-t", TOPIC);
        CompletableFuture<MqAdmin.Result> cluster = mqadminAsync("clusterList");

        String routeOut = ok(route.get()).output();
        assertThat(routeOut.replaceAll("\\s", ""))
                .contains("\"brokerName\":\"broker-a\"")
                .contains("\"cluster\":\"ItCluster\"")
                .contains(broker.address())
                .contains("\"readQueueNums\":4")
                .contains("\"writeQueueNums\":4")
                .contains("\"perm\":6");

        String clusterOut = ok(cluster.get()).output();
        assertThat(clusterOut).contains("#Cluster Name");
        assertThat(clusterOut.lines().filter(l -> l.contains("broker-a")).toList())
                .singleElement()
                .satisfies(line -> assertThat(line.trim().split("\\s+"))
                        .startsWith("ItCluster", "broker-a", "0", broker.address(), "V5_3_3"));
    }

    @Test
    @Order(3)
    void topicStatusBrokerStatusAndMessageQueriesAfterOfficialSends() throws Exception {
        producer = new DefaultMQProducer("admin_producer");
        producer.setNamesrvAddr(namesrv.address());
        producer.start();
        Map<Integer, Integer> perQueue = new HashMap<>();
        for (int i = 0; i < MESSAGES - 1; i++) {
            SendResult sent = producer.send(new Message(TOPIC, "TagA", ("body-" + i).getBytes(StandardCharsets.UTF_8)));
            assertThat(sent.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            perQueue.merge(sent.getMessageQueue().getQueueId(), 1, Integer::sum);
        }
        keyed = producer.send(new Message(TOPIC, "TagK", KEY, keyedBody));
        assertThat(keyed.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        perQueue.merge(keyed.getMessageQueue().getQueueId(), 1, Integer::sum);

        CompletableFuture<MqAdmin.Result> status = mqadminAsync("topicStatus", "-t", TOPIC);
        CompletableFuture<MqAdmin.Result> brokerStatus = mqadminAsync("brokerStatus", "-b", broker.address());

        // #Broker Name  #QID  #Min Offset  #Max Offset  #Last Updated
        String statusOut = ok(status.get()).output();
        Map<Integer, Long> maxOffsets = new HashMap<>();
        for (String line : statusOut.lines().filter(l -> l.startsWith("broker-a")).toList()) {
            String[] cols = line.trim().split("\\s+");
            assertThat(cols[2]).as(line).isEqualTo("0");
            maxOffsets.put(Integer.parseInt(cols[1]), Long.parseLong(cols[3]));
        }
        assertThat(maxOffsets).as(statusOut).containsOnlyKeys(0, 1, 2, 3);
        assertThat(maxOffsets.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(MESSAGES);
        perQueue.forEach((queue, count) -> assertThat(maxOffsets.get(queue)).as("queue " + queue).isEqualTo(count.longValue()));
        assertThat(statusOut).contains("Topic Put TPS:");

        String brokerOut = ok(brokerStatus.get()).output();
        Map<String, String> runtime = new HashMap<>();
        brokerOut.lines().filter(l -> l.contains(": ")).forEach(l -> {
            int colon = l.indexOf(": ");
            runtime.put(l.substring(0, colon).trim(), l.substring(colon + 2).trim());
        });
        assertThat(runtime).containsEntry("brokerVersionDesc", "V5_3_3").containsEntry("brokerActive", "true");
        assertThat(Long.parseLong(runtime.get("msgPutTotalTodayNow"))).isGreaterThanOrEqualTo(MESSAGES);
        assertThat(Long.parseLong(runtime.get("commitLogMaxOffset"))).isPositive();
        assertThat(runtime).containsKeys("putTps", "getTransferredTps", "earliestMessageTimeStamp",
                "commitLogDiskRatio", "runtime", "bootTimestamp");

        // By offset message id: mqadmin asks the broker encoded in the id and writes the body to a file.
        MqAdmin.Result byId = ok(mqadmin("queryMsgById", "-t", TOPIC, "-i", keyed.getOffsetMsgId()));
        String byIdOut = byId.output();
        assertThat(field(byIdOut, "OffsetID")).isEqualTo(keyed.getOffsetMsgId());
        assertThat(field(byIdOut, "Topic")).isEqualTo(TOPIC);
        assertThat(field(byIdOut, "Tags")).isEqualTo("[TagK]");
        assertThat(field(byIdOut, "Keys")).isEqualTo("[" + KEY + "]");
        assertThat(field(byIdOut, "Queue ID")).isEqualTo(Integer.toString(keyed.getMessageQueue().getQueueId()));
        assertThat(field(byIdOut, "Queue Offset")).isEqualTo(Long.toString(keyed.getQueueOffset()));
        assertThat(field(byIdOut, "Store Host")).isEqualTo(broker.address());
        assertThat(field(byIdOut, "Properties")).contains("UNIQ_KEY=" + keyed.getMsgId());
        Path bodyFile = Path.of(field(byIdOut, "Message Body Path"));
        try {
            assertThat(Files.readAllBytes(bodyFile)).isEqualTo(keyedBody);
        } finally {
            Files.deleteIfExists(bodyFile);
        }

        // By key: the index is built behind the dispatch, so the first query may come too early.
        await("queryMsgByKey finds " + KEY).atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            MqAdmin.Result byKey = ok(mqadmin("queryMsgByKey", "-t", TOPIC, "-k", KEY));
            List<String[]> rows = byKey.output().lines()
                    .filter(l -> l.startsWith(keyed.getMsgId()))
                    .map(l -> l.trim().split("\\s+")).toList();
            assertThat(rows).as(byKey.toString()).hasSize(1);
            assertThat(rows.get(0)).containsExactly(keyed.getMsgId(),
                    Integer.toString(keyed.getMessageQueue().getQueueId()), Long.toString(keyed.getQueueOffset()));
        });
    }

    /** The value of a {@code Name:   value} line of a queryMsgById block. */
    private static String field(String output, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + ":\\s+(.*)$").matcher(output);
        assertThat(m.find()).as(name + " in\n" + output).isTrue();
        return m.group(1).trim();
    }

    @Test
    @Order(4)
    void consumerProgressShowsTheGroupCaughtUp() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        consumer = new DefaultMQPushConsumer(GROUP);
        consumer.setNamesrvAddr(namesrv.address());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setPersistConsumerOffsetInterval(500);
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt message : messages) {
                seen.add(message.getMsgId());
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        await("all messages consumed").atMost(DEADLINE).until(() -> seen.size() >= MESSAGES);
        assertThat(seen).contains(keyed.getMsgId()).hasSize(MESSAGES);

        // Offsets are committed every 500 ms (oneway): wait until mqadmin sees the group caught up.
        await("consumerProgress shows no lag").atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            MqAdmin.Result progress = ok(mqadmin("consumerProgress", "-g", GROUP));
            String out = progress.output();
            // #Topic  #Broker Name  #QID  #Broker Offset  #Consumer Offset  #Diff  #Inflight  #LastTime
            List<String[]> rows = out.lines().filter(l -> l.startsWith(TOPIC))
                    .map(l -> l.trim().split("\\s+")).toList();
            assertThat(rows).as(out).hasSize(4);
            long brokerTotal = 0;
            for (String[] row : rows) {
                assertThat(row[1]).isEqualTo("broker-a");
                assertThat(row[3]).as("consumer offset = broker offset in " + String.join(" ", row)).isEqualTo(row[4]);
                assertThat(row[5]).isEqualTo("0");
                brokerTotal += Long.parseLong(row[3]);
            }
            assertThat(brokerTotal).isEqualTo(MESSAGES);
            assertThat(out).contains("Consume Diff Total: 0");
        });
    }
}
