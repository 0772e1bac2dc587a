package io.apogee.client.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.apogee.client.ClientException;
import io.apogee.client.Message;
import io.apogee.client.producer.Producer;
import io.apogee.client.producer.SendResult;
import io.apogee.client.producer.SendStatus;
import io.apogee.remoting.tls.CertificateGenerator;
import io.apogee.remoting.tls.TlsConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our producer with {@code tls(TlsConfig)} against our broker in enforcing mode with mutual TLS
 * ({@code tls.server.need.client.auth=require}, {@code tls.server.authClient=true}): it is served when it
 * presents the trusted client certificate, refused without one or with a certificate the broker does
 * not trust; and with {@code tls.client.authServer=true} it refuses a server whose certificate does not
 * chain to its {@code tls.client.trustCertPath}.
 */
class ClientMutualTlsTest {
    private static final String TOPIC = "mtls-orders";

    @TempDir
    static Path dir;
    static CertificateGenerator.PemFiles server;
    static CertificateGenerator.PemFiles client;
    static CertificateGenerator.PemFiles stranger;
    static SecuredCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        server = CertificateGenerator.selfSigned("apogee-broker", dir, "server", Duration.ofDays(1));
        client = CertificateGenerator.selfSigned("apogee-client", dir, "client", Duration.ofDays(1));
        stranger = CertificateGenerator.selfSigned("someone-else", dir, "stranger", Duration.ofDays(1));
        Properties ns = new Properties();
        ns.setProperty("tls.server.mode", "permissive");
        ns.setProperty("tls.test.mode.enable", "false");
        ns.setProperty("tls.server.certPath", server.certificate().toString());
        ns.setProperty("tls.server.keyPath", server.privateKey().toString());
        Properties broker = new Properties();
        broker.putAll(ns);
        broker.setProperty("tls.server.mode", "enforcing");
        broker.setProperty("tls.server.need.client.auth", "require");
        broker.setProperty("tls.server.authClient", "true");
        broker.setProperty("tls.server.trustCertPath", client.certificate().toString());
        // The broker's own calls to the name server present the trusted client certificate too.
        broker.setProperty("tls.client.certPath", client.certificate().toString());
        broker.setProperty("tls.client.keyPath", client.privateKey().toString());
        cluster = new SecuredCluster(dir, TlsConfig.from(ns), Map.of(), TlsConfig.from(broker));
        cluster.createTopic(TOPIC, 2);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** RocketMQ's client keys: the client certificate {@code certified} (or none) and the CA it trusts. */
    private static TlsConfig clientTls(CertificateGenerator.PemFiles certified, CertificateGenerator.PemFiles trusted) {
        Properties p = new Properties();
        p.setProperty("tls.enable", "true");
        p.setProperty("tls.test.mode.enable", "false");
        if (certified != null) {
            p.setProperty("tls.client.certPath", certified.certificate().toString());
            p.setProperty("tls.client.keyPath", certified.privateKey().toString());
        }
        if (trusted != null) {
            p.setProperty("tls.client.authServer", "true");
            p.setProperty("tls.client.trustCertPath", trusted.certificate().toString());
        }
        return TlsConfig.from(p);
    }

    private static Producer producer(String group, TlsConfig tls) {
        return Producer.builder().namesrvAddr(cluster.namesrvAddr()).producerGroup(group).clientIp("127.0.0.1")
                .instanceName(group).tls(tls).sendMsgTimeout(5_000).retryTimesWhenSendFailed(0).build();
    }

    private static Message message(String body) {
        return Message.builder().topic(TOPIC).body(body.getBytes(StandardCharsets.UTF_8)).build();
    }

    @Test
    void aClientWithTheTrustedCertificateThatVerifiesTheServerIsServed() {
        long before = cluster.messageCount(TOPIC);
        try (Producer producer = producer("mtls_pg_ok", clientTls(client, server))) {
            SendResult result = producer.send(message("certified"));
            assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
        }
        assertThat(cluster.messageCount(TOPIC)).isEqualTo(before + 1);
    }

    @Test
    void aClientWithoutACertificateOrWithAnUntrustedOneIsRefused() {
        long before = cluster.messageCount(TOPIC);
        try (Producer producer = producer("mtls_pg_none", clientTls(null, null))) {
            // The name server (permissive) gave the route; the broker closed the handshake.
            assertThat(catchThrowable(() -> producer.send(message("anonymous")))).isInstanceOf(ClientException.class)
                    .hasMessageContaining(cluster.brokerAddr());
        }
        try (Producer producer = producer("mtls_pg_stranger", clientTls(stranger, null))) {
            assertThat(catchThrowable(() -> producer.send(message("stranger")))).isInstanceOf(ClientException.class)
                    .hasMessageContaining(cluster.brokerAddr());
        }
        assertThat(cluster.messageCount(TOPIC)).isEqualTo(before);
    }

    @Test
    void aClientThatVerifiesTheServerRefusesOneItDoesNotTrust() {
        // Trusting only the stranger's certificate, the client cannot even reach the name server.
        try (Producer producer = producer("mtls_pg_distrust", clientTls(client, stranger))) {
            assertThat(catchThrowable(() -> producer.send(message("distrust")))).isInstanceOf(ClientException.class);
        }
    }
}
