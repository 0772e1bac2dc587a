package io.apogee.client.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.apogee.client.BrokerException;
import io.apogee.client.ClientException;
import io.apogee.client.Message;
import io.apogee.client.ReceivedMessage;
import io.apogee.client.consumer.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.ConsumeFromWhere;
import io.apogee.client.consumer.LitePullConsumer;
import io.apogee.client.consumer.PushConsumer;
import io.apogee.client.producer.Producer;
import io.apogee.client.producer.SendStatus;
import io.apogee.remoting.protocol.body.MessageQueue;
import io.apogee.remoting.tls.TlsConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our producer, lite pull consumer and push consumer with {@code credentials(accessKey, secretKey)} against
 * our broker with ACL 2.0 on: a user with Pub and Sub on the topic (and Sub on the group) sends and reads; a wrong
 * secret, or no credentials, is refused with NO_PERMISSION and the broker's reason in the exception,
 * and nothing is stored. The users and policies are made with the official admin, as an operator would.
 */
class ClientCredentialsTest {
    private static final String ROOT = "rocketmq";
    private static final String ROOT_SECRET = "12345678";
    private static final String TOPIC = "cred-orders";
    private static final String GROUP = "cred_cg";
    private static final String PUSH_GROUP = "cred_push_cg";

    @TempDir
    static Path dir;
    static SecuredCluster cluster;
    static DefaultMQAdminExt admin;

    @BeforeAll
    static void start() throws Exception {
        cluster = new SecuredCluster(dir, Map.of(
                "authenticationEnabled", "true",
                "authorizationEnabled", "true",
                "initAuthenticationUser", "{\"username\":\"" + ROOT + "\",\"password\":\"" + ROOT_SECRET + "\"}",
                "innerClientAuthenticationCredentials", "{\"accessKey\":\"inner\",\"secretKey\":\"inner-secret\"}"),
                TlsConfig.defaults());
        cluster.createTopic(TOPIC, 2);
        admin = new DefaultMQAdminExt(new AclClientRPCHook(new SessionCredentials(ROOT, ROOT_SECRET)), 5_000);
        admin.setAdminExtGroup("cred_admin");
        admin.setInstanceName("cred_admin");
        admin.setNamesrvAddr(cluster.namesrvAddr());
        admin.start();
        admin.createUser(cluster.brokerAddr(), "app", "app-secret", "Normal");
        admin.createAcl(cluster.brokerAddr(), "User:app", List.of("Topic:" + TOPIC), List.of("Pub", "Sub"), null,
                "Allow");
        admin.createAcl(cluster.brokerAddr(), "User:app", List.of("Group:" + GROUP, "Group:" + PUSH_GROUP),
                List.of("Sub"), null, "Allow");
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.shutdown();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Producer producer(String group, String accessKey, String secretKey) {
        Producer.Builder builder = Producer.builder().namesrvAddr(cluster.namesrvAddr()).producerGroup(group)
                .clientIp("127.0.0.1").instanceName(group).retryTimesWhenSendFailed(0);
        if (accessKey != null) {
            builder.credentials(accessKey, secretKey);
        }
        return builder.build();
    }

    private static Message message(String body) {
        return Message.builder().topic(TOPIC).body(body.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static BrokerException noPermission(Throwable thrown) {
        assertThat(thrown).isInstanceOf(ClientException.class);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof BrokerException e && e.responseCode() == 16) {
                return e;
            }
        }
        throw new AssertionError("no BrokerException with NO_PERMISSION (16) in the chain of " + thrown, thrown);
    }

    @Test
    void anAllowedUserSendsAndReadsWithItsCredentials() throws Exception {
        Set<String> sent = new HashSet<>();
        try (Producer producer = producer("cred_pg_ok", "app", "app-secret")) {
            for (int i = 0; i < 4; i++) {
                var result = producer.send(message("signed-" + i));
                assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
                sent.add("signed-" + i);
            }
        }
        try (LitePullConsumer consumer = LitePullConsumer.builder().namesrvAddr(cluster.namesrvAddr())
                .consumerGroup(GROUP).clientIp("127.0.0.1").instanceName("cred_consumer")
                .credentials("app", "app-secret").consumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET)
                .build()) {
            consumer.subscribe(TOPIC, "*");
            Set<String> read = new HashSet<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ReceivedMessage m : consumer.poll(Duration.ofMillis(200))) {
                    read.add(new String(m.body(), StandardCharsets.UTF_8));
                }
                return read.containsAll(sent);
            });
            consumer.commit();
        }
    }

    @Test
    void anAllowedUserConsumesWithAPushConsumer() throws Exception {
        Set<String> sent = new HashSet<>();
        try (Producer producer = producer("cred_pg_push", "app", "app-secret")) {
            for (int i = 0; i < 3; i++) {
                producer.send(message("pushed-" + i));
                sent.add("pushed-" + i);
            }
        }
        Set<String> read = ConcurrentHashMap.newKeySet();
        try (PushConsumer consumer = PushConsumer.builder().namesrvAddr(cluster.namesrvAddr())
                .consumerGroup(PUSH_GROUP).clientIp("127.0.0.1").instanceName("cred_push")
                .credentials("app", "app-secret").consumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET)
                .subscribe(TOPIC, "*").messageListenerConcurrently((messages, context) -> {
                    messages.forEach(m -> read.add(new String(m.body(), StandardCharsets.UTF_8)));
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                }).build()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> read.containsAll(sent));
        }
    }

    @Test
    void aWrongSecretIsRefusedWithTheBrokersReasonAndNothingIsStored() {
        long before = cluster.messageCount(TOPIC);
        try (Producer producer = producer("cred_pg_wrong", "app", "not-the-secret")) {
            BrokerException refused = noPermission(catchThrowable(() -> producer.send(message("forged"))));
            assertThat(refused.remark()).contains("check signature failed");
            assertThat(refused.getMessage()).contains(refused.remark());
        }
        try (Producer producer = producer("cred_pg_anon", null, null)) {
            assertThat(noPermission(catchThrowable(() -> producer.send(message("anonymous")))).remark())
                    .isNotBlank();
        }
        assertThat(cluster.messageCount(TOPIC)).isEqualTo(before);
    }

    @Test
    void aConsumerWithAWrongSecretReadsNothing() throws Exception {
        try (Producer producer = producer("cred_pg_src", "app", "app-secret")) {
            producer.send(message("for-the-right-secret-only"));
        }
        try (LitePullConsumer consumer = LitePullConsumer.builder().namesrvAddr(cluster.namesrvAddr())
                .consumerGroup(GROUP).clientIp("127.0.0.1").instanceName("cred_wrong_consumer")
                .credentials("app", "wrong").consumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET)
                .autoCommit(false).build()) {
            consumer.assign(List.of(new MessageQueue(TOPIC, SecuredCluster.BROKER, 0),
                    new MessageQueue(TOPIC, SecuredCluster.BROKER, 1)));
            List<ReceivedMessage> read = new ArrayList<>();
            // Bounded: 15 polls of 200 ms; every pull (and the offset look-up before it) is refused.
            for (int i = 0; i < 15; i++) {
                read.addAll(consumer.poll(Duration.ofMillis(200)));
            }
            assertThat(read).isEmpty();
        }
    }

    @Test
    void credentialsNeedBothKeys() {
        assertThatThrownBy(() -> Producer.builder().namesrvAddr(cluster.namesrvAddr()).producerGroup("cred_pg_bad")
                .credentials("app", "").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secretKey");
        assertThatThrownBy(() -> LitePullConsumer.builder().namesrvAddr(cluster.namesrvAddr()).consumerGroup(GROUP)
                .credentials(null, "s").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accessKey");
    }
}
