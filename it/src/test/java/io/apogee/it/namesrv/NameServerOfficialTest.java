package io.apogee.it.namesrv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.it.support.ApogeeNamesrvProcess;
import io.apogee.it.support.MqAdmin;
import io.apogee.it.support.OfficialBrokerProcess;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.NamesrvHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Our name server, started from the assembled distribution ({@code bin/mqnamesrv}), serving the real
 * thing: the official 5.3.3 broker (child JVM) registers with it, the official producer and push
 * consumer find their routes through it, and the official {@code mqadmin} reads and writes it. Bodies we
 * return are decoded with the official classes. One name server and one broker serve the whole class
 * (each takes seconds to start); the last test stops the broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NameServerOfficialTest {
    static final String CLUSTER = "ApogeeItCluster";
    static final String BROKER = "it-broker-a";
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final long CALL_TIMEOUT_MILLIS = 5_000;

    private ApogeeNamesrvProcess namesrv;
    private OfficialBrokerProcess broker;
    private NettyRemotingClient client;

    @BeforeAll
    void start() throws Exception {
        try {
            namesrv = ApogeeNamesrvProcess.start();
            broker = OfficialBrokerProcess.start(CLUSTER, BROKER, namesrv.address(), Map.of());
            client = new NettyRemotingClient(new NettyClientConfig());
            client.start();
        } catch (Exception | Error e) {
            stop();
            throw e;
        }
    }

    @AfterAll
    void stop() {
        try {
            if (client != null) {
                client.shutdown();
            }
        } finally {
            try {
                if (broker != null) {
                    broker.close();
                }
            } finally {
                if (namesrv != null) {
                    namesrv.close();
                }
            }
        }
    }

    @Test
    @Order(1)
    void officialBrokerRegistersItsTopicsAndAppearsInClusterInfo() throws Exception {
        // The broker registers before printing its boot line; allow for a slow first registration anyway.
        TopicRouteData tbw = await("TBW102 route").atMost(DEADLINE).until(() -> route("TBW102"), r -> r != null);

        assertThat(tbw.getQueueDatas()).singleElement().satisfies(queue -> {
            assertThat(queue.getBrokerName()).isEqualTo(BROKER);
            assertThat(queue.getPerm()).as("TBW102 is inheritable, readable, writable").isEqualTo(7);
            assertThat(queue.getReadQueueNums()).isEqualTo(8);
            assertThat(queue.getWriteQueueNums()).isEqualTo(8);
        });
        assertThat(tbw.getBrokerDatas()).singleElement().satisfies(data -> {
            assertThat(data.getBrokerName()).isEqualTo(BROKER);
            assertThat(data.getCluster()).isEqualTo(CLUSTER);
            assertThat(data.getBrokerAddrs()).containsExactly(Map.entry(0L, broker.address()));
        });
        // Brokers register a topic named after their cluster and one after themselves (spec 02 §9).
        assertThat(route(CLUSTER)).isNotNull();
        assertThat(route(BROKER)).isNotNull();
        assertThat(route("rmq_sys_SYNC_BROKER_MEMBER_" + BROKER).getQueueDatas().get(0).getPerm()).isEqualTo(1);

        ClusterInfo clusterInfo = clusterInfo();
        assertThat(clusterInfo.getClusterAddrTable()).containsOnlyKeys(CLUSTER);
        assertThat(clusterInfo.getClusterAddrTable().get(CLUSTER)).containsExactly(BROKER);
        BrokerData data = clusterInfo.getBrokerAddrTable().get(BROKER);
        assertThat(data.getCluster()).isEqualTo(CLUSTER);
        assertThat(data.getBrokerAddrs()).containsExactly(Map.entry(0L, broker.address()));
    }

    @Test
    @Order(2)
    void officialProducerSendsToANewTopicAndAPushConsumerReceivesEveryMessage() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topic = "it-ns-topic-" + suffix;
        int messages = 20;
        assertThat(route(topic)).as("the topic is new").isNull();

        DefaultMQProducer producer = new DefaultMQProducer("it-ns-producer-" + suffix);
        producer.setNamesrvAddr(namesrv.address());
        producer.setInstanceName("it-ns-producer-" + suffix);
        producer.setSendMsgTimeout(10_000);
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("it-ns-consumer-" + suffix);
        consumer.setNamesrvAddr(namesrv.address());
        consumer.setInstanceName("it-ns-consumer-" + suffix);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setPollNameServerInterval(1_000);
        Set<String> received = ConcurrentHashMap.newKeySet();
        try {
            producer.start();
            Set<String> sent = new java.util.HashSet<>();
            for (int i = 0; i < messages; i++) {
                String key = "key-" + i;
                Message message = new Message(topic, "tagA", key, ("hello " + i).getBytes(StandardCharsets.UTF_8));
                // The first send finds no route, falls back to TBW102's and makes the broker create the topic.
                SendResult result = producer.send(message);
                assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                assertThat(result.getMessageQueue().getBrokerName()).isEqualTo(BROKER);
                sent.add(key);
            }

            // The broker announced the auto-created topic to our name server: 4 queues, read-write.
            TopicRouteData created = await("route of " + topic).atMost(DEADLINE)
                    .until(() -> route(topic), r -> r != null);
            assertThat(created.getQueueDatas()).singleElement().satisfies(queue -> {
                assertThat(queue.getBrokerName()).isEqualTo(BROKER);
                assertThat(queue.getPerm()).isEqualTo(6);
                assertThat(queue.getWriteQueueNums()).isEqualTo(4);
            });

            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (batch, context) -> {
                for (MessageExt message : batch) {
                    received.add(message.getKeys());
                }
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
            await("every message consumed").atMost(Duration.ofSeconds(60)).until(() -> received.containsAll(sent));
            assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    @Test
    @Order(3)
    void officialMqadminReadsAndWritesOurNameServer() throws Exception {
        String ns = namesrv.address();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // Each mqadmin run spends seconds in the official client's shutdown: run them side by side.
            Future<MqAdmin.Result> clusterList = pool.submit(() -> MqAdmin.run("clusterList", "-n", ns));
            Future<MqAdmin.Result> topicList = pool.submit(() -> MqAdmin.run("topicList", "-n", ns));
            Future<MqAdmin.Result> topicRoute = pool.submit(() -> MqAdmin.run("topicRoute", "-t", "TBW102", "-n", ns));
            Future<MqAdmin.Result> updateKv = pool.submit(
                    () -> MqAdmin.run("updateKvConfig", "-s", "ns", "-k", "key", "-v", "value", "-n", ns));
            Future<MqAdmin.Result> namesrvConfig = pool.submit(() -> MqAdmin.run("getNamesrvConfig", "-n", ns));

            MqAdmin.Result clusters = clusterList.get(120, TimeUnit.SECONDS);
            assertThat(clusters.exitCode()).as("%s", clusters).isZero();
            assertThat(line(clusters, CLUSTER)).as("%s", clusters)
                    .contains(CLUSTER, BROKER, broker.address(), "V5_3_3")
                    .containsPattern("\\s0\\s");

            MqAdmin.Result topics = topicList.get(120, TimeUnit.SECONDS);
            assertThat(topics.exitCode()).as("%s", topics).isZero();
            assertThat(topics.output().lines().map(String::trim))
                    .as("%s", topics)
                    .contains("TBW102", CLUSTER, BROKER, "SCHEDULE_TOPIC_XXXX", "rmq_sys_SYNC_BROKER_MEMBER_" + BROKER);

            MqAdmin.Result route = topicRoute.get(120, TimeUnit.SECONDS);
            assertThat(route.exitCode()).as("%s", route).isZero();
            // Pretty-printed by the official fastjson, numeric map keys unquoted.
            assertThat(route.output()).as("%s", route)
                    .contains("\"brokerName\":\"" + BROKER + "\"")
                    .contains("\"cluster\":\"" + CLUSTER + "\"")
                    .contains("0:\"" + broker.address() + "\"")
                    .contains("\"perm\":7")
                    .contains("\"writeQueueNums\":8");

            MqAdmin.Result kv = updateKv.get(120, TimeUnit.SECONDS);
            assertThat(kv.exitCode()).as("%s", kv).isZero();
            assertThat(kv.output()).as("%s", kv).contains("create or update kv config to namespace success.");
            // Read back through our server, and from the file it persisted.
            RemotingCommand get = client.invokeSync(ns, RemotingCommand.request(RequestCode.GET_KV_CONFIG,
                    new NamesrvHeaders.KvConfigKey("ns", "key")), CALL_TIMEOUT_MILLIS);
            assertThat(get.code()).as("remark %s", get.remark()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(get.extFields()).containsEntry("value", "value");
            assertThat(Files.readString(namesrv.kvConfigFile())).contains("\"ns\"", "\"key\"", "\"value\"");

            MqAdmin.Result config = namesrvConfig.get(120, TimeUnit.SECONDS);
            assertThat(config.exitCode()).as("%s", config).isZero();
            assertThat(config.output()).as("%s", config).contains("============" + ns + "============");
            assertThat(line(config, "listenPort")).as("%s", config).matches("listenPort\\s+=\\s+" + namesrv.port());
            assertThat(line(config, "bindAddress")).as("%s", config).matches("bindAddress\\s+=\\s+127\\.0\\.0\\.1");
            assertThat(line(config, "kvConfigPath")).as("%s", config).contains(namesrv.kvConfigFile().toString());
            assertThat(line(config, "scanNotActiveBrokerInterval")).as("%s", config).endsWith("5000");
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(4)
    void killedBrokerVanishesFromRoutesWhenItsConnectionCloses() throws Exception {
        assertThat(route("TBW102")).isNotNull();

        // SIGKILL: no unregistration request, only the connection closing. Expiry would take 120 s.
        broker.stopAndWait();

        await("TBW102 route gone").atMost(DEADLINE).until(() -> route("TBW102") == null);
        assertThat(route(CLUSTER)).isNull();
        assertThat(route(BROKER)).isNull();
        ClusterInfo clusterInfo = clusterInfo();
        assertThat(clusterInfo.getBrokerAddrTable()).doesNotContainKey(BROKER);
        assertThat(clusterInfo.getClusterAddrTable()).doesNotContainKey(CLUSTER);
        RemotingCommand topics = client.invokeSync(namesrv.address(),
                RemotingCommand.request(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER), CALL_TIMEOUT_MILLIS);
        assertThat(new String(topics.body(), StandardCharsets.UTF_8)).doesNotContain("TBW102");
    }

    /** The route our name server answers for {@code topic}, decoded by the official class; null if none. */
    private TopicRouteData route(String topic) throws Exception {
        RemotingCommand response = client.invokeSync(namesrv.address(), RemotingCommand.request(
                RequestCode.GET_ROUTEINFO_BY_TOPIC, new NamesrvHeaders.GetRouteInfo(topic, null)), CALL_TIMEOUT_MILLIS);
        if (response.code() == ResponseCode.TOPIC_NOT_EXIST) {
            assertThat(response.remark()).startsWith("No topic route info in name server for the topic: " + topic);
            return null;
        }
        assertThat(response.code()).as("remark %s", response.remark()).isEqualTo(ResponseCode.SUCCESS);
        return TopicRouteData.decode(response.body(), TopicRouteData.class);
    }

    private ClusterInfo clusterInfo() throws Exception {
        RemotingCommand response = client.invokeSync(namesrv.address(),
                RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO), CALL_TIMEOUT_MILLIS);
        assertThat(response.code()).as("remark %s", response.remark()).isEqualTo(ResponseCode.SUCCESS);
        return ClusterInfo.decode(response.body(), ClusterInfo.class);
    }

    /** The one output line that starts with {@code prefix} (leading blanks ignored), trimmed. */
    private static String line(MqAdmin.Result result, String prefix) {
        List<String> lines = new ArrayList<>();
        result.output().lines().map(String::trim).filter(l -> l.startsWith(prefix)).forEach(lines::add);
        assertThat(lines).as("lines starting with '%s' in %s", prefix, result).hasSize(1);
        return lines.get(0);
    }
}
