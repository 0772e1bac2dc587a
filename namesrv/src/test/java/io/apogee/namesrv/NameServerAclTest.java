package io.apogee.namesrv;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.common.metadata.DataVersion;
import io.apogee.common.metadata.TopicConfig;
import io.apogee.remoting.auth.SigningRpcHook;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.NamesrvHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The name server's opt-in ACL: the same authentication and authorization as the broker's, so that
 * no anonymous host reads the topology or registers a broker, and an application user reads only
 * the routes of the topics it may use.
 */
class NameServerAclTest {
    @TempDir
    Path dir;
    private NameServerFixture ns;
    private final List<NettyRemotingClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        ns = new NameServerFixture(dir, "authenticationEnabled", "true", "authorizationEnabled", "true",
                "initAuthenticationUser", "{\"username\":\"root\",\"password\":\"root-secret\"}");
    }

    @AfterEach
    void stop() {
        clients.forEach(NettyRemotingClient::shutdown);
        ns.close();
    }

    private NettyRemotingClient client(String accessKey, String secretKey) throws Exception {
        NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig());
        if (accessKey != null) {
            client.addRpcHook(new SigningRpcHook(accessKey, secretKey, null));
        }
        client.start();
        clients.add(client);
        return client;
    }

    private RemotingCommand route(NettyRemotingClient client, String topic) throws Exception {
        return client.invokeSync(ns.address, RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC,
                new NamesrvHeaders.GetRouteInfo(topic, null)), 5000);
    }

    private RemotingCommand admin(NettyRemotingClient client, int code, Map<String, String> fields, String body)
            throws Exception {
        return client.invokeSync(ns.address, RemotingCommand.request(code).extFields(new HashMap<>(fields))
                .body(body.getBytes(StandardCharsets.UTF_8)), 5000);
    }

    private RemotingCommand register(NettyRemotingClient client) throws Exception {
        return ns.register(client, "DefaultCluster", "broker-a", 0, "127.0.0.1:10911", new DataVersion(0, 1, 1), null,
                TopicConfig.of("TBW102", 8, 7), TopicConfig.of("orders", 4, 6), TopicConfig.of("payments", 4, 6));
    }

    @Test
    void anAnonymousHostCanNeitherReadRoutesNorRegisterABroker() throws Exception {
        NettyRemotingClient anonymous = client(null, null);

        RemotingCommand registration = register(anonymous);
        RemotingCommand lookup = route(anonymous, "orders");

        assertThat(registration.code()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(lookup.code()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(route(client("root", "root-secret"), "orders").code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
    }

    @Test
    void aWrongSecretIsRefusedAndTheSuperUserIsServed() throws Exception {
        RemotingCommand forged = register(client("root", "guess"));
        assertThat(forged.code()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(forged.remark()).contains("signature");

        NettyRemotingClient root = client("root", "root-secret");
        assertThat(register(root).code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(route(root, "orders").code()).isEqualTo(ResponseCode.SUCCESS);
    }

    @Test
    void anApplicationUserReadsOnlyTheRoutesItsPoliciesAllowAndCannotRegister() throws Exception {
        NettyRemotingClient root = client("root", "root-secret");
        assertThat(register(root).code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(admin(root, RequestCode.AUTH_CREATE_USER, Map.of("username", "app"),
                "{\"username\":\"app\",\"password\":\"app-secret\",\"userType\":\"Normal\"}").code())
                .isEqualTo(ResponseCode.SUCCESS);
        assertThat(admin(root, RequestCode.AUTH_CREATE_ACL, Map.of("subject", "User:app"),
                "{\"subject\":\"User:app\",\"policies\":[{\"policyType\":\"Custom\",\"entries\":[{\"resource\":"
                        + "\"Topic:orders\",\"actions\":[\"Pub\"],\"sourceIps\":[],\"decision\":\"Allow\"}]}]}").code())
                .isEqualTo(ResponseCode.SUCCESS);

        NettyRemotingClient app = client("app", "app-secret");

        assertThat(route(app, "orders").code()).isEqualTo(ResponseCode.SUCCESS);
        RemotingCommand payments = route(app, "payments");
        assertThat(payments.code()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(payments.remark()).contains("User:app").contains("Topic:payments");
        assertThat(register(app).code()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(dir.resolve("users.json")).content().contains("\"app\"");
    }

    @Test
    void theAclSettingsAreMaskedInTheConfigAndCannotBeChangedRemotely() throws Exception {
        NettyRemotingClient root = client("root", "root-secret");

        String config = new String(root.invokeSync(ns.address, RemotingCommand.request(RequestCode.GET_NAMESRV_CONFIG),
                5000).body(), StandardCharsets.UTF_8);
        RemotingCommand off = admin(root, RequestCode.UPDATE_NAMESRV_CONFIG, Map.of(), "authenticationEnabled=false\n");

        assertThat(config).contains("authenticationEnabled=true\n").contains("initAuthenticationUser=******\n")
                .doesNotContain("root-secret");
        assertThat(off.code()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(route(client(null, null), "orders").code()).isEqualTo(ResponseCode.NO_PERMISSION);
    }
}
