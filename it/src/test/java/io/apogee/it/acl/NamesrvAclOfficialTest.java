package io.apogee.it.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.apogee.it.support.ApogeeBrokerProcess;
import io.apogee.it.support.ApogeeNamesrvProcess;
import io.apogee.it.support.ChildProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ACL on our name server too (opt-in; RocketMQ's name server checks nothing), from the distribution:
 * the broker registers with its inner credentials, the official client and admin with credentials
 * get routes and send, and a client without credentials cannot even learn a route.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamesrvAclOfficialTest {
    private static final String ROOT = "rocketmq";
    private static final String ROOT_SECRET = "12345678";
    private static final Map<String, String> ACL = Map.of(
            "authenticationEnabled", "true",
            "authorizationEnabled", "true",
            "initAuthenticationUser", "{\"username\":\"" + ROOT + "\",\"password\":\"" + ROOT_SECRET + "\"}",
            "innerClientAuthenticationCredentials", "{\"accessKey\":\"inner\",\"secretKey\":\"inner-secret\"}");

    private ApogeeNamesrvProcess namesrv;
    private ApogeeBrokerProcess broker;
    private DefaultMQAdminExt admin;
    private final List<DefaultMQProducer> producers = new ArrayList<>();

    @BeforeAll
    void startApogeeWithAclEverywhere() throws Exception {
        namesrv = ApogeeNamesrvProcess.start(ACL);
        broker = ApogeeBrokerProcess.start("broker-nsacl", namesrv.address(), ACL);
        admin = new DefaultMQAdminExt(new AclClientRPCHook(new SessionCredentials(ROOT, ROOT_SECRET)), 5_000);
        admin.setAdminExtGroup("nsacl_admin");
        admin.setNamesrvAddr(namesrv.address());
        admin.start();
        admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig("guarded", 2, 2, 6));
        await("the signed registration carries the topic").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> !admin.examineTopicRouteInfo("guarded").getBrokerDatas().isEmpty());
    }

    @AfterAll
    void stop() {
        producers.forEach(DefaultMQProducer::shutdown);
        if (admin != null) {
            admin.shutdown();
        }
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    private DefaultMQProducer producer(String group, String accessKey, String secretKey) throws Exception {
        DefaultMQProducer producer = accessKey == null ? new DefaultMQProducer(group)
                : new DefaultMQProducer(group, new AclClientRPCHook(new SessionCredentials(accessKey, secretKey)));
        producer.setNamesrvAddr(namesrv.address());
        producer.setSendMsgTimeout(5_000);
        producer.setRetryTimesWhenSendFailed(0);
        producer.start();
        producers.add(producer);
        return producer;
    }

    private static Message message() {
        return new Message("guarded", "nsacl", "hello".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAuthenticatedClientGetsRoutesAndSends() throws Exception {
        assertThat(producer("nsacl_root_pg", ROOT, ROOT_SECRET).send(message()).getSendStatus())
                .isEqualTo(SendStatus.SEND_OK);
        assertThat(admin.examineBrokerClusterInfo().getBrokerAddrTable()).containsKey("broker-nsacl");
    }

    @Test
    void aClientWithoutCredentialsCannotLearnARoute() throws Exception {
        Throwable refused = catchThrowable(() -> producer("nsacl_anon_pg", null, null).send(message()));

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("No route info of this topic: guarded");
        DefaultMQAdminExt anonymous = new DefaultMQAdminExt(5_000);
        anonymous.setAdminExtGroup("nsacl_anon_admin");
        anonymous.setNamesrvAddr(namesrv.address());
        anonymous.start();
        try {
            assertThat(catchThrowable(anonymous::examineBrokerClusterInfo)).isNotNull()
                    .hasMessageContaining("username cannot be null.");
        } finally {
            anonymous.shutdown();
        }
        Path audit = ChildProcess.LOG_DIR.resolve("apogee-namesrv-" + namesrv.port()).resolve("namesrv-audit.log");
        await("the refusals in the name server's audit log").atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(audit) && Files.readString(audit).contains("event=authentication"));
        assertThat(Files.readString(audit)).doesNotContain(ROOT_SECRET).doesNotContain("inner-secret");
    }
}
