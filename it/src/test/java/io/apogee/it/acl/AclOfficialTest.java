package io.apogee.it.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.apogee.it.support.ApogeeBrokerProcess;
import io.apogee.it.support.ApogeeNamesrvProcess;
import io.apogee.it.support.ChildProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.body.AclInfo;
import org.apache.rocketmq.remoting.protocol.body.UserInfo;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ACL 2.0 on our broker, judged by the official 5.3.3 client and admin with {@code AclClientRPCHook}:
 * the initial super user may do everything; an unknown user, a wrong secret, a disabled user or no
 * credentials are refused with NO_PERMISSION and the reason; a normal user gets exactly what its
 * policies give (per action, topic and group, prefix and literal, source address), the more specific
 * Deny overriding a broader Allow; a refused send stores nothing; users and ACLs are managed with the
 * official admin API and the {@code mqadmin} command line, survive a restart, and every refusal and
 * change is in the audit log without a secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AclOfficialTest {
    private static final String ROOT = "rocketmq";
    private static final String ROOT_SECRET = "12345678";
    private static final List<String> TOPICS = List.of("orders-1", "orders-secret", "payments");

    private ApogeeNamesrvProcess namesrv;
    private ApogeeBrokerProcess broker;
    private DefaultMQAdminExt admin;
    private final List<DefaultMQProducer> producers = new ArrayList<>();
    private final List<DefaultMQPullConsumer> pullConsumers = new ArrayList<>();

    @BeforeAll
    void startApogeeWithAcl() throws Exception {
        namesrv = ApogeeNamesrvProcess.start();
        broker = ApogeeBrokerProcess.start("broker-acl", namesrv.address(), Map.of(
                "authenticationEnabled", "true",
                "authorizationEnabled", "true",
                "authenticationMetadataProvider",
                "org.apache.rocketmq.auth.authentication.provider.LocalAuthenticationMetadataProvider",
                "authorizationMetadataProvider",
                "org.apache.rocketmq.auth.authorization.provider.LocalAuthorizationMetadataProvider",
                "initAuthenticationUser", "{\"username\":\"" + ROOT + "\",\"password\":\"" + ROOT_SECRET + "\"}",
                // The broker signs its own calls (registration with the name server, which ignores them).
                "innerClientAuthenticationCredentials", "{\"accessKey\":\"inner\",\"secretKey\":\"inner-secret\"}"));
        admin = new DefaultMQAdminExt(new AclClientRPCHook(new SessionCredentials(ROOT, ROOT_SECRET)), 5_000);
        admin.setAdminExtGroup("acl_admin");
        admin.setNamesrvAddr(namesrv.address());
        admin.start();
        for (String topic : TOPICS) {
            admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(topic, 2, 2, 6));
        }
        admin.createUser(broker.address(), "alice", "alice-secret", "Normal");
        admin.createAcl(broker.address(), "User:alice", List.of("Topic:orders*"), List.of("Pub"), null, "Allow");
        admin.createAcl(broker.address(), "User:alice", List.of("Topic:orders-secret"), List.of("Pub"), null, "Deny");
    }

    @AfterAll
    void stop() {
        producers.forEach(DefaultMQProducer::shutdown);
        pullConsumers.forEach(DefaultMQPullConsumer::shutdown);
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

    private static Message message(String topic) {
        return new Message(topic, "acl", "hello".getBytes(StandardCharsets.UTF_8));
    }

    private long storedIn(String topic) throws Exception {
        long total = 0;
        for (int queue = 0; queue < 2; queue++) {
            total += admin.maxOffset(new MessageQueue(topic, "broker-acl", queue));
        }
        return total;
    }

    /** The failure as the application sees it: the whole cause chain's messages. */
    private static String refusal(Throwable thrown) {
        assertThat(thrown).as("the send should have been refused").isNotNull();
        StringBuilder text = new StringBuilder();
        boolean broker16 = false;
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
            broker16 |= t instanceof MQBrokerException e && e.getResponseCode() == 16;
        }
        assertThat(broker16).as("an MQBrokerException with code 16 in:\n%s", text).isTrue();
        return text.toString();
    }

    @Test
    void theInitialSuperUserMaySendAnywhere() throws Exception {
        DefaultMQProducer root = producer("acl_root_pg", ROOT, ROOT_SECRET);
        for (String topic : List.of("payments", "orders-secret")) {
            SendResult result = root.send(message(topic));
            assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        }
    }

    @Test
    void anUnknownUserAWrongSecretAndNoCredentialsAreRefusedAndNothingIsStored() throws Exception {
        long before = storedIn("payments");
        assertThat(refusal(catchThrowable(() -> producer("acl_bob_pg", "bob", "bob-secret").send(message("payments")))))
                .contains("User:bob is not found.");
        assertThat(refusal(catchThrowable(() -> producer("acl_wrong_pg", "alice", "not-her-secret")
                .send(message("orders-1"))))).contains("check signature failed.");
        assertThat(refusal(catchThrowable(() -> producer("acl_anon_pg", null, null).send(message("payments")))))
                .contains("username cannot be null.");
        assertThat(storedIn("payments")).isEqualTo(before);
    }

    @Test
    void aPubAllowOnAPrefixGivesThoseTopicsOnlyAndTheMoreSpecificDenyWins() throws Exception {
        DefaultMQProducer alice = producer("acl_alice_pg", "alice", "alice-secret");
        assertThat(alice.send(message("orders-1")).getSendStatus()).isEqualTo(SendStatus.SEND_OK);

        long payments = storedIn("payments");
        assertThat(refusal(catchThrowable(() -> alice.send(message("payments"))))).contains(
                "User:alice has no permission to access Topic:payments from 127.0.0.1, no matched policies.");
        assertThat(storedIn("payments")).isEqualTo(payments);

        long secret = storedIn("orders-secret");
        assertThat(refusal(catchThrowable(() -> alice.send(message("orders-secret"))))).contains(
                "User:alice has no permission to access Topic:orders-secret from 127.0.0.1, the decision is deny.");
        assertThat(storedIn("orders-secret")).isEqualTo(secret);
    }

    @Test
    void aConsumerNeedsSubOnBothTheTopicAndItsGroup() throws Exception {
        producer("acl_root_pg2", ROOT, ROOT_SECRET).send(new Message("orders-1", "acl", "for-henry".getBytes(
                StandardCharsets.UTF_8)), new MessageQueue("orders-1", "broker-acl", 0));
        admin.createUser(broker.address(), "henry", "henry-secret", "Normal");
        admin.createAcl(broker.address(), "User:henry", List.of("Topic:orders*", "Group:acl_cg_ok"), List.of("Sub"),
                null, "Allow");
        MessageQueue queue = new MessageQueue("orders-1", "broker-acl", 0);
        assertThat(pullConsumer("acl_cg_ok", "henry", "henry-secret").pull(queue, "*", 0, 32).getPullStatus())
                .isEqualTo(PullStatus.FOUND);
        Throwable otherGroup = catchThrowable(() -> pullConsumer("acl_cg_other", "henry", "henry-secret")
                .pull(queue, "*", 0, 32));
        assertThat(refusal(otherGroup)).contains("User:henry has no permission to access Group:acl_cg_other from "
                + "127.0.0.1, no matched policies.");
        Throwable otherTopic = catchThrowable(() -> pullConsumer("acl_cg_ok", "henry", "henry-secret")
                .pull(new MessageQueue("payments", "broker-acl", 0), "*", 0, 32));
        assertThat(refusal(otherTopic)).contains("Topic:payments");
        // Pub does not give Sub: alice may publish to orders-1 but not read it.
        Throwable pubOnly = catchThrowable(() -> pullConsumer("acl_cg_alice", "alice", "alice-secret")
                .pull(queue, "*", 0, 32));
        assertThat(refusal(pubOnly)).contains("User:alice has no permission to access Topic:orders-1");
    }

    @Test
    void sourceAddressConditionsMatchOrNot() throws Exception {
        admin.createUser(broker.address(), "ivy", "ivy-secret", "Normal");
        admin.createAcl(broker.address(), "User:ivy", List.of("Topic:orders-1"), List.of("Pub"),
                List.of("127.0.0.0/8"), "Allow");
        admin.createAcl(broker.address(), "User:ivy", List.of("Topic:payments"), List.of("Pub"),
                List.of("10.0.0.0/8", "192.168.0.1"), "Allow");
        DefaultMQProducer ivy = producer("acl_ivy_pg", "ivy", "ivy-secret");
        assertThat(ivy.send(message("orders-1")).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        assertThat(refusal(catchThrowable(() -> ivy.send(message("payments"))))).contains(
                "User:ivy has no permission to access Topic:payments from 127.0.0.1, no matched policies.");
    }

    private DefaultMQPullConsumer pullConsumer(String group, String accessKey, String secretKey) throws Exception {
        DefaultMQPullConsumer consumer = new DefaultMQPullConsumer(group,
                new AclClientRPCHook(new SessionCredentials(accessKey, secretKey)));
        consumer.setNamesrvAddr(namesrv.address());
        consumer.start();
        pullConsumers.add(consumer);
        return consumer;
    }

    @Test
    void usersAndAclsThroughTheOfficialAdminApi() throws Exception {
        admin.createUser(broker.address(), "carol", "carol-secret", "Normal");
        UserInfo carol = admin.getUser(broker.address(), "carol");
        assertThat(carol.getUsername()).isEqualTo("carol");
        assertThat(carol.getUserType()).isEqualTo("Normal");
        assertThat(carol.getUserStatus()).isEqualTo("enable");
        assertThat(carol.getPassword()).as("secret keys are never read back").isNull();
        assertThat(admin.listUser(broker.address(), "car")).extracting(UserInfo::getUsername).containsExactly("carol");

        admin.createAcl(broker.address(), "User:carol", List.of("Topic:payments"), List.of("Pub", "Sub"),
                List.of("127.0.0.1", "10.0.0.0/8"), "Allow");
        AclInfo acl = admin.getAcl(broker.address(), "User:carol");
        assertThat(acl.getSubject()).isEqualTo("User:carol");
        AclInfo.PolicyEntryInfo entry = acl.getPolicies().get(0).getEntries().get(0);
        assertThat(entry.getResource()).isEqualTo("Topic:payments");
        assertThat(entry.getActions()).containsExactly("Pub", "Sub");
        assertThat(entry.getSourceIps()).containsExactly("127.0.0.1", "10.0.0.0/8");
        assertThat(admin.listAcl(broker.address(), "carol", null)).hasSize(1);

        // A change takes effect on the next request, without a restart.
        DefaultMQProducer asCarol = producer("acl_carol_pg", "carol", "carol-secret");
        assertThat(asCarol.send(message("payments")).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        admin.updateUser(broker.address(), "carol", null, null, "disable");
        assertThat(refusal(catchThrowable(() -> asCarol.send(message("payments"))))).contains("User:carol is disabled.");

        Throwable invalid = catchThrowable(() -> admin.createAcl(broker.address(), "User:carol",
                List.of("Topic:x"), List.of("Pub"), List.of("not-an-address"), "Allow"));
        assertThat(invalid).isInstanceOf(MQBrokerException.class).hasMessageContaining("The source ip is invalid.");
        Throwable ghost = catchThrowable(() -> admin.createAcl(broker.address(), "User:ghost",
                List.of("Topic:x"), List.of("Pub"), null, "Allow"));
        assertThat(ghost).isInstanceOf(MQBrokerException.class).hasMessageContaining("The subject of User:ghost is not exist.");

        // "inner" (innerClientAuthenticationCredentials) is the other super user; with it disabled, root is
        // the last enabled one and can be neither deleted nor disabled.
        admin.updateUser(broker.address(), "inner", null, null, "disable");
        try {
            Throwable lastSuper = catchThrowable(() -> admin.deleteUser(broker.address(), ROOT));
            assertThat(lastSuper).isInstanceOf(MQBrokerException.class).hasMessageContaining("last enabled super user");
            Throwable disable = catchThrowable(() -> admin.updateUser(broker.address(), ROOT, null, null, "disable"));
            assertThat(disable).isInstanceOf(MQBrokerException.class).hasMessageContaining("last enabled super user");
        } finally {
            admin.updateUser(broker.address(), "inner", null, null, "enable");
        }
        assertThat(admin.getUser(broker.address(), ROOT).getUserType()).isEqualTo("Super");

        admin.deleteUser(broker.address(), "carol");
        assertThat(admin.getUser(broker.address(), "carol")).isNull();
        assertThat(admin.getAcl(broker.address(), "User:carol")).isNull();
    }

    @Test
    void aNormalUserCannotManageUsers() throws Exception {
        DefaultMQAdminExt asAlice = new DefaultMQAdminExt(
                new AclClientRPCHook(new SessionCredentials("alice", "alice-secret")), 5_000);
        asAlice.setAdminExtGroup("acl_alice_admin");
        asAlice.setNamesrvAddr(namesrv.address());
        asAlice.start();
        try {
            Throwable thrown = catchThrowable(() -> asAlice.createUser(broker.address(), "mallory", "m", "Super"));
            assertThat(thrown).isInstanceOf(MQBrokerException.class).hasMessageContaining(
                    "User:alice has no permission to access Cluster:ItCluster from 127.0.0.1, no matched policies.");
            assertThat(admin.getUser(broker.address(), "mallory")).isNull();
        } finally {
            asAlice.shutdown();
        }
    }

    @Test
    void theMqadminCommandLineManagesUsersAndAcls() throws Exception {
        String addr = broker.address();
        assertThat(mqadmin("createUser", "-b", addr, "-u", "dave", "-p", "dave-secret")).doesNotContain("CODE:");
        assertThat(mqadmin("listUser", "-b", addr)).contains("dave").contains("rocketmq")
                .doesNotContain("dave-secret").doesNotContain(ROOT_SECRET);
        assertThat(mqadmin("createAcl", "-b", addr, "-s", "User:dave", "-r", "Topic:orders*", "-a", "Pub",
                "-d", "Allow")).doesNotContain("CODE:");
        assertThat(mqadmin("listAcl", "-b", addr, "-s", "dave")).contains("Topic:orders*");
        assertThat(producer("acl_dave_pg", "dave", "dave-secret").send(message("orders-1")).getSendStatus())
                .isEqualTo(SendStatus.SEND_OK);
        assertThat(mqadmin("deleteUser", "-b", addr, "-u", "dave")).doesNotContain("CODE:");
        assertThat(admin.getUser(addr, "dave")).isNull();
    }

    @Test
    void usersAndAclsSurviveAKillAndRestart() throws Exception {
        admin.createUser(broker.address(), "erin", "erin-secret", "Normal");
        admin.createAcl(broker.address(), "User:erin", List.of("Topic:payments"), List.of("Pub"), null, "Allow");
        broker.kill();
        broker = broker.restart();
        assertThat(admin.getUser(broker.address(), "erin").getUserType()).isEqualTo("Normal");
        assertThat(admin.getAcl(broker.address(), "User:erin").getPolicies().get(0).getEntries().get(0).getResource())
                .isEqualTo("Topic:payments");
        DefaultMQProducer erin = producer("acl_erin_pg", "erin", "erin-secret");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(erin.send(message("payments")).getSendStatus()).isEqualTo(SendStatus.SEND_OK));
        assertThat(refusal(catchThrowable(() -> erin.send(message("orders-1"))))).contains("no matched policies.");
    }

    @Test
    void theAuditLogRecordsRefusalsAndChangesWithoutSecrets() throws Exception {
        Throwable refused = catchThrowable(() -> producer("acl_frank_pg", "frank", "frank-secret").send(message("payments")));
        assertThat(refusal(refused)).contains("User:frank is not found.");
        admin.createUser(broker.address(), "grace", "grace-secret", "Normal");
        Path audit = ChildProcess.LOG_DIR.resolve("apogee-broker-" + broker.port()).resolve("audit.log");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(audit).exists();
            String log = Files.readString(audit, StandardCharsets.UTF_8);
            assertThat(log).contains("event=authentication decision=deny user=frank from=127.0.0.1 code=310 "
                    + "reason=\"User:frank is not found.\"");
            assertThat(log).contains("event=change operation=createUser target=User:grace user=rocketmq");
        });
        String log = Files.readString(audit, StandardCharsets.UTF_8);
        for (String secret : List.of(ROOT_SECRET, "alice-secret", "frank-secret", "grace-secret", "carol-secret")) {
            assertThat(log).doesNotContain(secret);
        }
    }

    /** Runs the official mqadmin signed as the super user (credentials from {@code conf/tools.yml}). */
    private static String mqadmin(String... args) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("mqadmin-acl-");
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/tools.yml"), "accessKey: " + ROOT + "\nsecretKey: " + ROOT_SECRET + "\n");
        Path output = home.resolve("output.txt");
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true", "-Duser.home=" + home,
                "-Drocketmq.home.dir=" + home, "-cp", System.getProperty("java.class.path"),
                "org.apache.rocketmq.tools.command.MQAdminStartup"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        try {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("mqadmin %s finished", List.of(args)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
