package io.apogee.it.namesrv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.it.support.ApogeeNamesrvProcess;
import io.apogee.it.support.MqAdmin;
import io.apogee.it.support.OfficialBrokerProcess;
import io.apogee.it.support.OfficialNamesrvProcess;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.CommandHeader;
import io.apogee.remoting.protocol.header.NamesrvHeaders;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.remoting.protocol.body.BrokerMemberGroup;
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.remoting.protocol.body.GetBrokerMemberGroupResponseBody;
import org.apache.rocketmq.remoting.protocol.body.TopicList;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One official 5.3.3 broker registers with two name servers, ours and the official one, and both are
 * asked the same questions with the same request: routes, cluster info, topic lists, member groups,
 * not-found answers. Ours must answer what the official one answers, byte for byte where the official
 * body is standard JSON, and equal once decoded by the official classes where it is not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NameServerAgainstOfficialOfficialTest {
    static final String CLUSTER = "ApogeeCmpCluster";
    static final String BROKER = "cmp-broker-a";
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final long CALL_TIMEOUT_MILLIS = 5_000;

    private ApogeeNamesrvProcess ours;
    private OfficialNamesrvProcess theirs;
    private OfficialBrokerProcess broker;
    private NettyRemotingClient client;

    @BeforeAll
    void start() throws Exception {
        try {
            ours = ApogeeNamesrvProcess.start();
            theirs = OfficialNamesrvProcess.start();
            broker = OfficialBrokerProcess.start(CLUSTER, BROKER, ours.address() + ";" + theirs.address(), Map.of());
            client = new NettyRemotingClient(new NettyClientConfig());
            client.start();
            // The broker registers with every name server in turn; wait until both know it fully.
            for (String ns : List.of(ours.address(), theirs.address())) {
                await("registration at " + ns).atMost(DEADLINE).until(() -> call(ns,
                        RequestCode.GET_ROUTEINFO_BY_TOPIC, new NamesrvHeaders.GetRouteInfo(BROKER, null)).code() == 0);
            }
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
                try {
                    if (theirs != null) {
                        theirs.close();
                    }
                } finally {
                    if (ours != null) {
                        ours.close();
                    }
                }
            }
        }
    }

    @Test
    void routesAreTheOfficialBytes() throws Exception {
        for (String topic : List.of("TBW102", CLUSTER, BROKER, "SCHEDULE_TOPIC_XXXX", "SELF_TEST_TOPIC",
                "rmq_sys_SYNC_BROKER_MEMBER_" + BROKER, CLUSTER + "_REPLY_TOPIC")) {
            RemotingCommand[] answers = both(RequestCode.GET_ROUTEINFO_BY_TOPIC, new NamesrvHeaders.GetRouteInfo(topic, null));
            assertThat(answers[0].code()).as("our code for %s", topic).isEqualTo(answers[1].code()).isZero();
            assertThat(text(answers[0])).as("our route body for %s", topic).isEqualTo(text(answers[1]));
            assertThat(TopicRouteData.decode(answers[0].body(), TopicRouteData.class))
                    .isEqualTo(TopicRouteData.decode(answers[1].body(), TopicRouteData.class));
        }
    }

    @Test
    void unknownTopicAnswersAsTheOfficialOne() throws Exception {
        RemotingCommand[] answers = both(RequestCode.GET_ROUTEINFO_BY_TOPIC,
                new NamesrvHeaders.GetRouteInfo("no-such-topic", null));
        assertThat(answers[0].code()).isEqualTo(answers[1].code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(answers[0].remark()).isEqualTo(answers[1].remark());
        assertThat(answers[0].body()).isEqualTo(answers[1].body()).isNull();
    }

    @Test
    void clusterInfoDecodesToTheOfficialOne() throws Exception {
        RemotingCommand[] answers = both(RequestCode.GET_BROKER_CLUSTER_INFO, null);
        assertThat(answers[0].code()).isEqualTo(answers[1].code()).isZero();
        ClusterInfo mine = ClusterInfo.decode(answers[0].body(), ClusterInfo.class);
        ClusterInfo reference = ClusterInfo.decode(answers[1].body(), ClusterInfo.class);
        assertThat(mine.getBrokerAddrTable()).isEqualTo(reference.getBrokerAddrTable());
        assertThat(mine.getClusterAddrTable()).isEqualTo(reference.getClusterAddrTable());
        // The official body writes numeric map keys bare ({0:"..."}); ours is standard JSON (spec 02 §3.2).
        assertThat(text(answers[0])).contains("\"brokerAddrs\":{\"0\":\"" + broker.address() + "\"}");
    }

    @Test
    void topicListsAreTheOfficialSets() throws Exception {
        RemotingCommand[] all = both(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, null);
        assertThat(topics(all[0])).isEqualTo(topics(all[1])).contains("TBW102", CLUSTER, BROKER);

        RemotingCommand[] byCluster = both(RequestCode.GET_TOPICS_BY_CLUSTER, new NamesrvHeaders.GetTopicsByCluster(CLUSTER));
        assertThat(topics(byCluster[0])).isEqualTo(topics(byCluster[1])).contains("TBW102");

        RemotingCommand[] system = both(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS, null);
        TopicList mine = TopicList.decode(system[0].body(), TopicList.class);
        TopicList reference = TopicList.decode(system[1].body(), TopicList.class);
        assertThat(mine.getTopicList()).isEqualTo(reference.getTopicList()).containsExactlyInAnyOrder(CLUSTER, BROKER);
        assertThat(mine.getBrokerAddr()).isEqualTo(reference.getBrokerAddr()).isEqualTo(broker.address());
    }

    @Test
    void brokerMemberGroupDecodesToTheOfficialOne() throws Exception {
        RemotingCommand[] answers = both(RequestCode.GET_BROKER_MEMBER_GROUP,
                new NamesrvHeaders.GetBrokerMemberGroup(CLUSTER, BROKER));
        assertThat(answers[0].code()).isEqualTo(answers[1].code()).isZero();
        BrokerMemberGroup mine = GetBrokerMemberGroupResponseBody.decode(answers[0].body(),
                GetBrokerMemberGroupResponseBody.class).getBrokerMemberGroup();
        BrokerMemberGroup reference = GetBrokerMemberGroupResponseBody.decode(answers[1].body(),
                GetBrokerMemberGroupResponseBody.class).getBrokerMemberGroup();
        assertThat(mine.getCluster()).isEqualTo(reference.getCluster()).isEqualTo(CLUSTER);
        assertThat(mine.getBrokerName()).isEqualTo(reference.getBrokerName()).isEqualTo(BROKER);
        assertThat(mine.getBrokerAddrs()).isEqualTo(reference.getBrokerAddrs())
                .containsExactly(Map.entry(0L, broker.address()));
    }

    @Test
    void missingKvAnswersAsTheOfficialOne() throws Exception {
        RemotingCommand[] answers = both(RequestCode.GET_KV_CONFIG, new NamesrvHeaders.KvConfigKey("no-ns", "no-key"));
        assertThat(answers[0].code()).isEqualTo(answers[1].code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
        assertThat(answers[0].remark()).isEqualTo(answers[1].remark());
    }

    @Test
    void namesrvConfigCarriesTheOfficialKeys() throws Exception {
        RemotingCommand[] answers = both(RequestCode.GET_NAMESRV_CONFIG, null);
        Properties mine = properties(answers[0]);
        Properties reference = properties(answers[1]);
        for (String key : List.of("listenPort", "bindAddress", "kvConfigPath", "configStorePath", "enableTopicList",
                "enableAllTopicList", "scanNotActiveBrokerInterval", "orderMessageEnable", "supportActingMaster",
                "deleteTopicWithBrokerRegistration", "clientRequestThreadPoolNums", "defaultThreadPoolNums",
                "serverChannelMaxIdleTimeSeconds", "waitSecondsForService", "needWaitForService")) {
            assertThat(mine).as("our config").containsKey(key);
            assertThat(reference).as("official config").containsKey(key);
        }
        assertThat(mine.getProperty("listenPort")).isEqualTo(Integer.toString(ours.port()));
        assertThat(reference.getProperty("listenPort")).isEqualTo(Integer.toString(theirs.port()));
        for (String key : List.of("scanNotActiveBrokerInterval", "enableTopicList", "orderMessageEnable",
                "clientRequestThreadPoolNums", "defaultThreadPoolNums", "waitSecondsForService")) {
            assertThat(mine.getProperty(key)).as("default of %s", key).isEqualTo(reference.getProperty(key));
        }
    }

    @Test
    void mqadminPrintsTheSameForBoth() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Map<String, Future<MqAdmin.Result[]>> runs = new LinkedHashMap<>();
            for (List<String> args : List.of(List.of("topicRoute", "-t", "TBW102"), List.of("topicList"),
                    List.of("topicClusterList", "-t", "TBW102"))) {
                runs.put(String.join(" ", args), pool.submit(() -> new MqAdmin.Result[] {
                    mqadmin(args, ours.address()), mqadmin(args, theirs.address())}));
            }
            for (Map.Entry<String, Future<MqAdmin.Result[]>> run : runs.entrySet()) {
                MqAdmin.Result[] results = run.getValue().get(180, TimeUnit.SECONDS);
                assertThat(results[0].exitCode()).as("%s", results[0]).isZero();
                assertThat(results[1].exitCode()).as("%s", results[1]).isZero();
                // Same lines, in any order: topicList prints a hash set.
                assertThat(printed(results[0])).as("%s against ours", run.getKey())
                        .containsExactlyInAnyOrderElementsOf(printed(results[1]))
                        .isNotEmpty();
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private static MqAdmin.Result mqadmin(List<String> args, String namesrvAddr) throws Exception {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("-n", namesrvAddr));
        return MqAdmin.run(all.toArray(String[]::new));
    }

    /** What mqadmin printed for the user: its own lines, without the log lines of the official client. */
    private static List<String> printed(MqAdmin.Result result) {
        return result.output().lines()
                .filter(line -> !line.isBlank() && !line.contains(" rmq ") && !line.startsWith("SLF4J"))
                .toList();
    }

    /** The same request to ours ([0]) and to the official name server ([1]). */
    private RemotingCommand[] both(int code, CommandHeader header) throws Exception {
        return new RemotingCommand[] {call(ours.address(), code, header), call(theirs.address(), code, header)};
    }

    private RemotingCommand call(String address, int code, CommandHeader header) throws Exception {
        RemotingCommand request = header == null ? RemotingCommand.request(code) : RemotingCommand.request(code, header);
        return client.invokeSync(address, request, CALL_TIMEOUT_MILLIS);
    }

    private static String text(RemotingCommand response) {
        return response.body() == null ? null : new String(response.body(), StandardCharsets.UTF_8);
    }

    private static java.util.Set<String> topics(RemotingCommand response) {
        assertThat(response.code()).as("remark %s", response.remark()).isZero();
        return TopicList.decode(response.body(), TopicList.class).getTopicList();
    }

    private static Properties properties(RemotingCommand response) throws IOException {
        assertThat(response.code()).as("remark %s", response.remark()).isZero();
        Properties properties = new Properties();
        properties.load(new StringReader(text(response)));
        return properties;
    }
}
