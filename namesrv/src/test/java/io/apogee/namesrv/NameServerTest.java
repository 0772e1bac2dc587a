package io.apogee.namesrv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BrokerData;
import io.apogee.remoting.protocol.body.ClusterInfo;
import io.apogee.common.metadata.DataVersion;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.KVTable;
import io.apogee.remoting.protocol.body.QueueData;
import io.apogee.common.metadata.TopicConfig;
import io.apogee.remoting.protocol.body.TopicList;
import io.apogee.remoting.protocol.body.TopicRouteData;
import io.apogee.remoting.protocol.header.NamesrvHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NameServerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private NameServerFixture ns;
    private final List<NettyRemotingClient> brokers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        ns = new NameServerFixture(dir, "scanNotActiveBrokerInterval", "200");
    }

    @AfterEach
    void stop() {
        brokers.forEach(NettyRemotingClient::shutdown);
        ns.close();
    }

    private NettyRemotingClient brokerConnection() throws Exception {
        NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig());
        client.start();
        brokers.add(client);
        return client;
    }

    private TopicRouteData route(String topic) throws Exception {
        RemotingCommand response = ns.call(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC,
                new NamesrvHeaders.GetRouteInfo(topic, null)));
        return response.code() == ResponseCode.SUCCESS ? JsonBody.decode(response.body(), TopicRouteData.class) : null;
    }

    private static final TopicConfig TBW102 = TopicConfig.of("TBW102", 8, 7);
    private static final TopicConfig ORDERS = TopicConfig.of("orders", 4, 6);

    @Test
    void servesTheRoutesOfRegisteredBrokersAndTopicNotExistOtherwise() throws Exception {
        RemotingCommand registered = ns.register(brokerConnection(), "DefaultCluster", "broker-a", 0, "127.0.0.1:10911",
                new DataVersion(0, 1, 1), null, TBW102, ORDERS);
        assertThat(registered.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(registered.extFields()).isEmpty();

        TopicRouteData route = route("orders");
        assertThat(route.queueDatas()).containsExactly(new QueueData("broker-a", 6, 4, 0, 4));
        assertThat(route.brokerDatas()).containsExactly(new BrokerData("DefaultCluster", "broker-a",
                Map.of(0L, "127.0.0.1:10911"), false, null));

        RemotingCommand missing = ns.call(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC,
                new NamesrvHeaders.GetRouteInfo("nope", null)));
        assertThat(missing.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(missing.remark()).startsWith("No topic route info in name server for the topic: nope\n");
    }

    @Test
    void writesRouteBodiesAsStandardJsonWithQuotedIds() throws Exception {
        ns.register(brokerConnection(), "C", "b", 0, "127.0.0.1:1", new DataVersion(0, 1, 1), null, TBW102, ORDERS);
        RemotingCommand response = ns.call(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC,
                new NamesrvHeaders.GetRouteInfo("TBW102", null)));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"brokerDatas\":[{\"brokerAddrs\":{\"0\":\"127.0.0.1:1\"},\"brokerName\":\"b\",\"cluster\":\"C\","
                        + "\"enableActingMaster\":false}],\"filterServerTable\":{},\"queueDatas\":[{\"brokerName\":\"b\","
                        + "\"perm\":7,\"readQueueNums\":8,\"topicSysFlag\":0,\"writeQueueNums\":8}]}");
    }

    @Test
    void tracksTwoBrokersInOneClusterAndInTwo() throws Exception {
        ns.register(brokerConnection(), "C1", "a", 0, "127.0.0.1:1", new DataVersion(0, 1, 1), null, TBW102, ORDERS);
        ns.register(brokerConnection(), "C1", "b", 0, "127.0.0.1:2", new DataVersion(0, 1, 1), null, TBW102, ORDERS);
        ns.register(brokerConnection(), "C2", "c", 0, "127.0.0.1:3", new DataVersion(0, 1, 1), null, TBW102,
                TopicConfig.of("payments", 2, 6));

        assertThat(route("orders").queueDatas()).extracting(QueueData::brokerName).containsExactlyInAnyOrder("a", "b");
        ClusterInfo info = JsonBody.decode(ns.call(RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO)).body(),
                ClusterInfo.class);
        assertThat(info.clusterAddrTable()).containsOnlyKeys("C1", "C2");
        assertThat(info.clusterAddrTable().get("C1")).containsExactlyInAnyOrder("a", "b");
        assertThat(info.brokerAddrTable().get("c").brokerAddrs()).containsEntry(0L, "127.0.0.1:3");

        TopicList all = JsonBody.decode(ns.call(RemotingCommand.request(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER))
                .body(), TopicList.class);
        assertThat(all.topicList()).containsExactlyInAnyOrder("TBW102", "orders", "payments");
        TopicList ofC2 = JsonBody.decode(ns.call(RemotingCommand.request(RequestCode.GET_TOPICS_BY_CLUSTER,
                new NamesrvHeaders.GetTopicsByCluster("C2"))).body(), TopicList.class);
        assertThat(ofC2.topicList()).containsExactlyInAnyOrder("TBW102", "payments");
        TopicList system = JsonBody.decode(ns.call(RemotingCommand.request(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS))
                .body(), TopicList.class);
        assertThat(system.topicList()).containsExactlyInAnyOrder("C1", "C2", "a", "b", "c");
        assertThat(system.brokerAddr()).isNotNull();
    }

    @Test
    void takesANewerDataVersionAndIgnoresTheSameOne() throws Exception {
        NettyRemotingClient broker = brokerConnection();
        ns.register(broker, "C", "a", 0, "127.0.0.1:1", new DataVersion(0, 1, 1), null, TBW102, ORDERS);
        RemotingCommand wiped = ns.call(RemotingCommand.request(RequestCode.WIPE_WRITE_PERM_OF_BROKER,
                new NamesrvHeaders.WipeWritePerm("a")));
        assertThat(wiped.extField("wipeTopicCount")).isEqualTo("2");
        assertThat(route("orders").queueDatas().get(0).perm()).isEqualTo(4);

        ns.register(broker, "C", "a", 0, "127.0.0.1:1", new DataVersion(0, 1, 1), null, TBW102, ORDERS);
        assertThat(route("orders").queueDatas().get(0).perm()).as("same version: queue data kept").isEqualTo(4);

        ns.register(broker, "C", "a", 0, "127.0.0.1:1", new DataVersion(0, 2, 2), null, TBW102, TopicConfig.of("orders", 8, 6));
        assertThat(route("orders").queueDatas()).containsExactly(new QueueData("a", 6, 8, 0, 8));

        RemotingCommand added = ns.call(RemotingCommand.request(RequestCode.ADD_WRITE_PERM_OF_BROKER,
                new NamesrvHeaders.AddWritePerm("a")));
        assertThat(added.extField("addTopicCount")).isEqualTo("2");

        RemotingCommand query = ns.call(RemotingCommand.request(RequestCode.QUERY_DATA_VERSION,
                new NamesrvHeaders.QueryDataVersion("a", "127.0.0.1:1", "C", 0L)).body(JsonBody.encode(new DataVersion(0, 2, 2))));
        assertThat(query.extField("changed")).isEqualTo("false");
        RemotingCommand stale = ns.call(RemotingCommand.request(RequestCode.QUERY_DATA_VERSION,
                new NamesrvHeaders.QueryDataVersion("a", "127.0.0.1:1", "C", 0L)).body(JsonBody.encode(new DataVersion(0, 1, 1))));
        assertThat(stale.extField("changed")).isEqualTo("true");
        assertThat(JsonBody.decode(stale.body(), DataVersion.class)).isEqualTo(new DataVersion(0, 2, 2));
    }

    @Test
    void tellsASlaveWhereItsMasterIs() throws Exception {
        ns.register(brokerConnection(), "C", "a", 0, "127.0.0.1:1", new DataVersion(0, 1, 1), null, TBW102, ORDERS);
        RemotingCommand slave = ns.register(brokerConnection(), "C", "a", 1, "127.0.0.1:2", new DataVersion(0, 1, 1),
                null, TBW102, ORDERS);
        assertThat(slave.extField("masterAddr")).isEqualTo("127.0.0.1:1");
        assertThat(slave.extField("haServerAddr")).isEqualTo("127.0.0.1:10912");
        assertThat(route("orders").brokerDatas().get(0).brokerAddrs()).containsOnlyKeys(0L, 1L);
    }

    @Test
    void dropsABrokerThatUnregistersOrWhoseConnectionCloses() throws Exception {
        NettyRemotingClient a = brokerConnection();
        NettyRemotingClient b = brokerConnection();
        ns.register(a, "C", "a", 0, "127.0.0.1:1", new DataVersion(0, 1, 1), null, TBW102, ORDERS);
        ns.register(b, "C", "b", 0, "127.0.0.1:2", new DataVersion(0, 1, 1), null, TBW102, ORDERS);

        ns.call(RemotingCommand.request(RequestCode.UNREGISTER_BROKER,
                new NamesrvHeaders.UnregisterBroker("a", "127.0.0.1:1", "C", 0L)));
        assertThat(route("orders").queueDatas()).extracting(QueueData::brokerName).containsExactly("b");

        b.shutdown();
        await().atMost(DEADLINE).until(() -> route("orders") == null);
        assertThat(ns.controller.routes().brokerNames()).isEmpty();
    }

    @Test
    void expiresABrokerThatStopsRegistering() throws Exception {
        ns.register(brokerConnection(), "C", "a", 0, "127.0.0.1:1", new DataVersion(0, 1, 1), 500L, TBW102, ORDERS);
        assertThat(route("orders")).isNotNull();
        await().atMost(DEADLINE).until(() -> route("orders") == null);
    }

    @Test
    void refusesAFirstRegistrationWithASingleTopic() throws Exception {
        RemotingCommand response = ns.register(brokerConnection(), "C", "a", 0, "127.0.0.1:1", new DataVersion(0, 1, 1),
                null, ORDERS);
        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).isEqualTo("register broker failed");
    }

    @Test
    void checksTheBodyCrcWhenGiven() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(body);
        int good = (int) crc.getValue() & 0x7FFFFFFF;
        RemotingCommand bad = ns.call(RemotingCommand.request(RequestCode.REGISTER_BROKER,
                new NamesrvHeaders.RegisterBroker("a", "127.0.0.1:1", "C", "h", 0L, null, null, false, good + 1)).body(body));
        assertThat(bad.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(bad.remark()).isEqualTo("crc32 not match");
        RemotingCommand ok = ns.call(RemotingCommand.request(RequestCode.REGISTER_BROKER,
                new NamesrvHeaders.RegisterBroker("a", "127.0.0.1:1", "C", "h", 0L, null, null, false, good)).body(body));
        assertThat(ok.code()).isEqualTo(ResponseCode.SUCCESS);
    }

    @Test
    void keepsKvConfigAcrossARestart() throws Exception {
        assertThat(ns.call(RemotingCommand.request(RequestCode.PUT_KV_CONFIG,
                new NamesrvHeaders.PutKvConfig("ORDER_TOPIC_CONFIG", "orders", "a:4"))).code()).isZero();
        ns.call(RemotingCommand.request(RequestCode.PUT_KV_CONFIG, new NamesrvHeaders.PutKvConfig("ns", "k", "v")));
        ns.call(RemotingCommand.request(RequestCode.DELETE_KV_CONFIG, new NamesrvHeaders.KvConfigKey("ns", "k")));
        ns.close();
        ns = new NameServerFixture(dir);

        RemotingCommand value = ns.call(RemotingCommand.request(RequestCode.GET_KV_CONFIG,
                new NamesrvHeaders.KvConfigKey("ORDER_TOPIC_CONFIG", "orders")));
        assertThat(value.extField("value")).isEqualTo("a:4");
        RemotingCommand deleted = ns.call(RemotingCommand.request(RequestCode.GET_KV_CONFIG,
                new NamesrvHeaders.KvConfigKey("ns", "k")));
        assertThat(deleted.code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
        assertThat(deleted.remark()).isEqualTo("No config item, Namespace: ns Key: k");
        KVTable table = JsonBody.decode(ns.call(RemotingCommand.request(RequestCode.GET_KVLIST_BY_NAMESPACE,
                new NamesrvHeaders.GetKvList("ORDER_TOPIC_CONFIG"))).body(), KVTable.class);
        assertThat(table.table()).containsExactly(Map.entry("orders", "a:4"));

        RemotingCommand registered = ns.register(brokerConnection(), "C", "a", 0, "127.0.0.1:1",
                new DataVersion(0, 1, 1), null, TBW102, ORDERS);
        assertThat(JsonBody.decode(registered.body(), KVTable.class).table()).containsEntry("orders", "a:4");
    }

    @Test
    void showsAndUpdatesItsConfigButNotTheBlackListedKeys() throws Exception {
        String config = new String(ns.call(RemotingCommand.request(RequestCode.GET_NAMESRV_CONFIG)).body(), StandardCharsets.UTF_8);
        assertThat(config).contains("listenPort=0\n").contains("scanNotActiveBrokerInterval=200\n");
        RemotingCommand update = ns.call(RemotingCommand.request(RequestCode.UPDATE_NAMESRV_CONFIG)
                .body("enableAllTopicList=false\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(update.code()).isZero();
        RemotingCommand disabled = ns.call(RemotingCommand.request(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER));
        assertThat(disabled.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(disabled.remark()).isEqualTo("disable");
        assertThat(dir.resolve("namesrv.properties")).content().contains("enableAllTopicList=false");

        RemotingCommand black = ns.call(RemotingCommand.request(RequestCode.UPDATE_NAMESRV_CONFIG)
                .body(("kvConfigPath=" + dir.resolve("evil")).getBytes(StandardCharsets.UTF_8)));
        assertThat(black.code()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(black.remark()).isEqualTo("Can not update config in black list.");
        RemotingCommand malformed = ns.call(RemotingCommand.request(RequestCode.UPDATE_NAMESRV_CONFIG)
                .body("listenPort=abc".getBytes(StandardCharsets.UTF_8)));
        assertThat(malformed.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    }

    @Test
    void answersBadInputWithErrorsAndKeepsServing() throws Exception {
        ns.register(brokerConnection(), "C", "a", 0, "127.0.0.1:1", new DataVersion(0, 1, 1), null, TBW102, ORDERS);
        List<RemotingCommand> bad = List.of(
                RemotingCommand.request(RequestCode.REGISTER_BROKER,
                        new NamesrvHeaders.RegisterBroker("x", "127.0.0.1:9", "C", "h", 0L, null, null, false, 0))
                        .body("{\"topicConfigSerializeWrapper\":{\"topicConfigTable\":[1,2".getBytes(StandardCharsets.UTF_8)),
                RemotingCommand.request(RequestCode.REGISTER_BROKER,
                        new NamesrvHeaders.RegisterBroker("x", "127.0.0.1:9", "C", "h", 0L, null, null, true, 0))
                        .body(new byte[] {1, 2, 3, 4}),
                RemotingCommand.request(RequestCode.REGISTER_BROKER).putExtField("brokerName", "x"),
                RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC),
                RemotingCommand.request(RequestCode.QUERY_DATA_VERSION,
                        new NamesrvHeaders.QueryDataVersion("a", "127.0.0.1:1", "C", 0L)).body("[]".getBytes(StandardCharsets.UTF_8)),
                RemotingCommand.request(RequestCode.REGISTER_TOPIC_IN_NAMESRV, new NamesrvHeaders.RegisterTopic("t"))
                        .body("not json".getBytes(StandardCharsets.UTF_8)),
                RemotingCommand.request(RequestCode.UNREGISTER_BROKER).putExtField("brokerId", "zero"));
        for (RemotingCommand request : bad) {
            RemotingCommand response = ns.call(request);
            assertThat(response.code()).as("code %d", request.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
            assertThat(response.remark()).as("code %d", request.code()).isNotBlank();
        }
        RemotingCommand unknown = ns.call(RemotingCommand.request(RequestCode.PULL_MESSAGE));
        assertThat(unknown.code()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);

        RemotingCommand enormous = RemotingCommand.request(RequestCode.REGISTER_BROKER,
                new NamesrvHeaders.RegisterBroker("x", "127.0.0.1:9", "C", "h", 0L, null, null, false, 0))
                .body(new byte[17 * 1024 * 1024]);
        NettyRemotingClient big = brokerConnection();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> big.invokeSync(ns.address, enormous, 5000))
                .isInstanceOf(io.apogee.remoting.RemotingException.class);

        assertThat(route("orders").queueDatas()).extracting(QueueData::brokerName).containsExactly("a");
        assertThat(ns.controller.routes().brokerNames()).containsExactly("a");
    }
}
