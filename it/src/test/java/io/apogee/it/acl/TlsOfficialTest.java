package io.apogee.it.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.apogee.client.Message;
import io.apogee.client.producer.Producer;
import io.apogee.it.support.ApogeeBrokerProcess;
import io.apogee.it.support.ApogeeNamesrvProcess;
import io.apogee.remoting.tls.CertificateGenerator;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.netty.TlsSystemConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TLS on our name server and broker started from the distribution, judged by the official 5.3.3 client:
 * {@code tls.server.mode=enforcing} serves TLS clients (official and ours) and closes plaintext
 * connections; {@code permissive} serves both; mutual TLS ({@code tls.server.need.client.auth=require}
 * with {@code tls.server.authClient} and a trust file) refuses a client without a certificate and serves
 * one that presents a trusted certificate. The official client's TLS material comes from its
 * {@code TlsSystemConfig}, which is set for the client under test and restored afterwards.
 */
class TlsOfficialTest {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception ignored) {
                // best effort: the next resource still gets closed
            }
        }
        resources.clear();
    }

    @Test
    void enforcingServesTlsClientsAndRefusesPlaintext() throws Exception {
        Map<String, String> enforcing = Map.of("tls.server.mode", "enforcing");
        ApogeeNamesrvProcess namesrv = track(ApogeeNamesrvProcess.start(enforcing));
        // No tls.enable: an enforcing broker talks TLS to the name server by default, or it could not register.
        ApogeeBrokerProcess broker = track(ApogeeBrokerProcess.start("broker-tls", namesrv.address(), enforcing));
        createTopic(namesrv, broker, "tls-orders", true);

        DefaultMQProducer producer = officialProducer(namesrv, true);
        for (int i = 0; i < 5; i++) {
            SendResult sent = producer.send(new org.apache.rocketmq.common.message.Message("tls-orders",
                    ("secret-" + i).getBytes(StandardCharsets.UTF_8)));
            assertThat(sent.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        }
        assertThat(pullAll(namesrv, broker, "tls-orders", true))
                .containsExactlyInAnyOrder("secret-0", "secret-1", "secret-2", "secret-3", "secret-4");

        // Our own client, over TLS, to the same enforcing name server and broker.
        try (Producer ours = Producer.builder().namesrvAddr(namesrv.address()).producerGroup("tls_pg_ours")
                .useTLS(true).build()) {
            io.apogee.client.producer.SendResult result = ours.send(Message.builder().topic("tls-orders")
                    .body("from-apogee".getBytes(StandardCharsets.UTF_8)).build());
            assertThat(result.status()).isEqualTo(io.apogee.client.producer.SendStatus.SEND_OK);
        }
        assertThat(pullAll(namesrv, broker, "tls-orders", true)).contains("from-apogee");

        // A plaintext official client gets nowhere: the name server and the broker close its connections.
        DefaultMQProducer plain = officialProducer(namesrv, false);
        plain.setSendMsgTimeout(3_000);
        Throwable refused = catchThrowable(() -> plain.send(new org.apache.rocketmq.common.message.Message(
                "tls-orders", "plain".getBytes(StandardCharsets.UTF_8))));
        assertThat(refused).as("a plaintext send to an enforcing cluster").isNotNull();
        assertThat(plaintextConnectionClosed(broker.port())).as("the broker closes a plaintext connection").isTrue();
        assertThat(plaintextConnectionClosed(namesrv.port())).as("the name server closes a plaintext connection")
                .isTrue();
        assertThat(pullAll(namesrv, broker, "tls-orders", true)).doesNotContain("plain");
    }

    @Test
    void permissiveServesTlsAndPlaintextClients() throws Exception {
        Map<String, String> permissive = Map.of("tls.server.mode", "permissive");
        ApogeeNamesrvProcess namesrv = track(ApogeeNamesrvProcess.start(permissive));
        ApogeeBrokerProcess broker = track(ApogeeBrokerProcess.start("broker-tls-p", namesrv.address(), permissive));
        createTopic(namesrv, broker, "tls-mixed", false);

        for (boolean tls : new boolean[] {true, false}) {
            DefaultMQProducer producer = officialProducer(namesrv, tls);
            SendResult sent = producer.send(new org.apache.rocketmq.common.message.Message("tls-mixed",
                    ("tls=" + tls).getBytes(StandardCharsets.UTF_8)));
            assertThat(sent.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        }
        assertThat(pullAll(namesrv, broker, "tls-mixed", true)).containsExactlyInAnyOrder("tls=true", "tls=false");
        assertThat(pullAll(namesrv, broker, "tls-mixed", false)).containsExactlyInAnyOrder("tls=true", "tls=false");
    }

    /** The operator's goal in docs/security.md: ACL and enforcing TLS together. */
    @Test
    void aclOverTlsRefusesAnAnonymousClientAndServesAnAuthorisedOne() throws Exception {
        Map<String, String> enforcing = Map.of("tls.server.mode", "enforcing");
        ApogeeNamesrvProcess namesrv = track(ApogeeNamesrvProcess.start(enforcing));
        Map<String, String> secured = new HashMap<>(enforcing);
        secured.put("authenticationEnabled", "true");
        secured.put("authorizationEnabled", "true");
        secured.put("authenticationMetadataProvider",
                "org.apache.rocketmq.auth.authentication.provider.LocalAuthenticationMetadataProvider");
        secured.put("authorizationMetadataProvider",
                "org.apache.rocketmq.auth.authorization.provider.LocalAuthorizationMetadataProvider");
        secured.put("initAuthenticationUser", "{\"username\":\"rocketmq\",\"password\":\"12345678\"}");
        secured.put("innerClientAuthenticationCredentials", "{\"accessKey\":\"inner\",\"secretKey\":\"inner-secret\"}");
        ApogeeBrokerProcess broker = track(ApogeeBrokerProcess.start("broker-acl-tls", namesrv.address(), secured));
        AclClientRPCHook root = new AclClientRPCHook(new SessionCredentials("rocketmq", "12345678"));
        DefaultMQAdminExt admin = new DefaultMQAdminExt(root, 5_000);
        distinct(admin, true);
        admin.setAdminExtGroup("tls_acl_admin");
        admin.setNamesrvAddr(namesrv.address());
        admin.start();
        resources.add(admin::shutdown);
        admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig("tls-acl", 2, 2, 6));
        admin.createUser(broker.address(), "app", "app-secret", "Normal");
        admin.createAcl(broker.address(), "User:app", List.of("Topic:tls-acl"), List.of("Pub"), null, "Allow");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(admin.examineTopicRouteInfo("tls-acl").getBrokerDatas()).isNotEmpty());

        DefaultMQProducer anonymous = officialProducer(namesrv, true);
        Throwable refused = catchThrowable(() -> anonymous.send(new org.apache.rocketmq.common.message.Message(
                "tls-acl", "anonymous".getBytes(StandardCharsets.UTF_8))));
        boolean noPermission = false;
        for (Throwable t = refused; t != null; t = t.getCause()) {
            noPermission |= t instanceof MQBrokerException e && e.getResponseCode() == 16; // NO_PERMISSION
        }
        assertThat(noPermission).as("NO_PERMISSION for an anonymous send in %s", refused).isTrue();

        DefaultMQProducer app = new DefaultMQProducer("tls_acl_pg",
                new AclClientRPCHook(new SessionCredentials("app", "app-secret")));
        distinct(app, true);
        app.setNamesrvAddr(namesrv.address());
        app.start();
        resources.add(app::shutdown);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(app.send(
                new org.apache.rocketmq.common.message.Message("tls-acl", "authorised".getBytes(StandardCharsets.UTF_8)))
                .getSendStatus()).isEqualTo(SendStatus.SEND_OK));
    }

    @Test
    void mutualTlsServesOnlyClientsWithATrustedCertificate() throws Exception {
        Path certs = Files.createTempDirectory("apogee-tls-certs");
        resources.add(() -> deleteTree(certs));
        CertificateGenerator.PemFiles server =
                CertificateGenerator.selfSigned("apogee-broker", certs, "server", Duration.ofDays(1));
        CertificateGenerator.PemFiles client =
                CertificateGenerator.selfSigned("apogee-client", certs, "client", Duration.ofDays(1));
        ApogeeNamesrvProcess namesrv = track(ApogeeNamesrvProcess.start(Map.of()));
        Map<String, String> mutual = new HashMap<>();
        mutual.put("tls.server.mode", "enforcing");
        mutual.put("tls.test.mode.enable", "false");
        mutual.put("tls.server.certPath", server.certificate().toString());
        mutual.put("tls.server.keyPath", server.privateKey().toString());
        mutual.put("tls.server.need.client.auth", "require");
        mutual.put("tls.server.authClient", "true");
        mutual.put("tls.server.trustCertPath", client.certificate().toString());
        ApogeeBrokerProcess broker = track(ApogeeBrokerProcess.start("broker-mtls", namesrv.address(), mutual));
        createTopicOnBroker(namesrv, broker, "tls-mutual", client);

        // Without a client certificate (the official client's default test mode): the handshake fails.
        DefaultMQProducer anonymous = officialProducer(namesrv, true);
        anonymous.setSendMsgTimeout(3_000);
        Throwable refused = catchThrowable(() -> anonymous.send(new org.apache.rocketmq.common.message.Message(
                "tls-mutual", "anonymous".getBytes(StandardCharsets.UTF_8))));
        assertThat(refused).as("a TLS client without a certificate").isNotNull();

        // With the trusted certificate, read by the official client from TlsSystemConfig.
        withOfficialClientCertificate(client, () -> {
            DefaultMQProducer producer = officialProducer(namesrv, true);
            SendResult sent = producer.send(new org.apache.rocketmq.common.message.Message("tls-mutual",
                    "certified".getBytes(StandardCharsets.UTF_8)));
            assertThat(sent.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            assertThat(pullAll(namesrv, broker, "tls-mutual", true)).containsExactly("certified");
        });
    }

    private interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} with the official client's TLS settings naming {@code client}, then restores them. */
    private static void withOfficialClientCertificate(CertificateGenerator.PemFiles client, Body body)
            throws Exception {
        boolean testMode = TlsSystemConfig.tlsTestModeEnable;
        String certPath = TlsSystemConfig.tlsClientCertPath;
        String keyPath = TlsSystemConfig.tlsClientKeyPath;
        boolean authServer = TlsSystemConfig.tlsClientAuthServer;
        try {
            TlsSystemConfig.tlsTestModeEnable = false;
            TlsSystemConfig.tlsClientCertPath = client.certificate().toString();
            TlsSystemConfig.tlsClientKeyPath = client.privateKey().toString();
            TlsSystemConfig.tlsClientAuthServer = false;
            body.run();
        } finally {
            TlsSystemConfig.tlsTestModeEnable = testMode;
            TlsSystemConfig.tlsClientCertPath = certPath;
            TlsSystemConfig.tlsClientKeyPath = keyPath;
            TlsSystemConfig.tlsClientAuthServer = authServer;
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    /** A distinct instance name: the official client shares one transport (and its SSL context) per name. */
    private static void distinct(ClientConfig config, boolean tls) {
        config.setInstanceName("tls-it-" + INSTANCES.incrementAndGet());
        config.setUseTLS(tls);
    }

    private DefaultMQProducer officialProducer(ApogeeNamesrvProcess namesrv, boolean tls) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("tls_pg_" + (INSTANCES.get() + 1));
        distinct(producer, tls);
        producer.setNamesrvAddr(namesrv.address());
        producer.setRetryTimesWhenSendFailed(0);
        producer.start();
        resources.add(producer::shutdown);
        return producer;
    }

    private DefaultMQAdminExt admin(ApogeeNamesrvProcess namesrv, boolean tls) throws Exception {
        DefaultMQAdminExt admin = new DefaultMQAdminExt(5_000);
        distinct(admin, tls);
        admin.setAdminExtGroup("tls_admin_" + INSTANCES.get());
        admin.setNamesrvAddr(namesrv.address());
        admin.start();
        resources.add(admin::shutdown);
        return admin;
    }

    private void createTopic(ApogeeNamesrvProcess namesrv, ApogeeBrokerProcess broker, String topic, boolean tls)
            throws Exception {
        DefaultMQAdminExt admin = admin(namesrv, tls);
        admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(topic, 2, 2, 6));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(admin.examineTopicRouteInfo(topic).getBrokerDatas()).isNotEmpty());
    }

    private void createTopicOnBroker(ApogeeNamesrvProcess namesrv, ApogeeBrokerProcess broker, String topic,
            CertificateGenerator.PemFiles client) throws Exception {
        withOfficialClientCertificate(client, () -> createTopic(namesrv, broker, topic, true));
    }

    /** Bodies of every message in {@code topic}, read by an official pull consumer. */
    private List<String> pullAll(ApogeeNamesrvProcess namesrv, ApogeeBrokerProcess broker, String topic, boolean tls)
            throws Exception {
        DefaultMQPullConsumer consumer = new DefaultMQPullConsumer("tls_cg_" + INSTANCES.incrementAndGet());
        distinct(consumer, tls);
        consumer.setNamesrvAddr(namesrv.address());
        consumer.start();
        resources.add(consumer::shutdown);
        List<String> bodies = new ArrayList<>();
        for (MessageQueue queue : consumer.fetchSubscribeMessageQueues(topic)) {
            long offset = 0;
            int connectionFailures = 0;
            for (int round = 0; round < 100; round++) {
                PullResult result;
                try {
                    result = consumer.pull(queue, "*", offset, 32, 5_000);
                } catch (org.apache.rocketmq.remoting.exception.RemotingException e) {
                    // The official client closes a connection when any call on it (a heartbeat) waits over 3 s,
                    // failing the pull in flight; on a loaded machine that happens. Pull again, a few times.
                    if (++connectionFailures > 3) {
                        throw e;
                    }
                    continue;
                }
                if (result.getPullStatus() != PullStatus.FOUND) {
                    break;
                }
                result.getMsgFoundList().forEach(m -> bodies.add(new String(m.getBody(), StandardCharsets.UTF_8)));
                offset = result.getNextBeginOffset();
            }
        }
        return bodies;
    }

    /**
     * Whether a plaintext remoting frame (a GET_ROUTEINFO request) to {@code port} gets the connection
     * closed without an answer.
     */
    private static boolean plaintextConnectionClosed(int port) throws Exception {
        byte[] header = "{\"code\":105,\"flag\":0,\"language\":\"JAVA\",\"opaque\":1,\"serializeTypeCurrentRPC\":\"JSON\",\"version\":0,\"extFields\":{\"topic\":\"tls-orders\"}}"
                .getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 3_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            java.nio.ByteBuffer frame = java.nio.ByteBuffer.allocate(8 + header.length);
            frame.putInt(4 + header.length).putInt(header.length).put(header);
            out.write(frame.array());
            out.flush();
            InputStream in = socket.getInputStream();
            try {
                return in.read() == -1;
            } catch (java.net.SocketException reset) {
                return true;
            }
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
