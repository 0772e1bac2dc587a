package io.apogee.it.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogee.remoting.netty.NettyRemotingServer;
import io.apogee.remoting.netty.NettyServerConfig;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.tls.CertificateGenerator;
import io.apogee.remoting.tls.TlsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.rocketmq.remoting.exception.RemotingException;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.netty.TlsSystemConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official 5.3.3 remoting client against our server in each TLS mode. The official client reads
 * its TLS settings from static fields ({@link TlsSystemConfig}) when it is constructed; the tests set
 * them for each client they build and restore them afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsInteropOfficialTest {
    private static final int ECHO = 9001;
    private static final long TIMEOUT_MILLIS = 5_000;

    private final List<NettyRemotingServer> servers = new ArrayList<>();
    private final List<NettyRemotingClient> clients = new ArrayList<>();
    private String enforcing;
    private String permissive;
    private String mutual;
    private Path clientCertificate;
    private Path clientKey;

    private boolean savedTestMode;
    private boolean savedClientAuthServer;
    private String savedClientCertPath;
    private String savedClientKeyPath;
    private String savedClientKeyPassword;
    private String savedClientTrustCertPath;

    @BeforeAll
    void start(@TempDir Path directory) throws IOException {
        savedTestMode = TlsSystemConfig.tlsTestModeEnable;
        savedClientAuthServer = TlsSystemConfig.tlsClientAuthServer;
        savedClientCertPath = TlsSystemConfig.tlsClientCertPath;
        savedClientKeyPath = TlsSystemConfig.tlsClientKeyPath;
        savedClientKeyPassword = TlsSystemConfig.tlsClientKeyPassword;
        savedClientTrustCertPath = TlsSystemConfig.tlsClientTrustCertPath;

        enforcing = startServer(tls("tls.server.mode", "enforcing"));
        permissive = startServer(tls("tls.server.mode", "permissive"));

        CertificateGenerator.PemFiles server = CertificateGenerator.selfSigned("apogee-server",
                directory, "server", Duration.ofDays(1));
        CertificateGenerator.PemFiles client = CertificateGenerator.selfSigned("apogee-client",
                directory, "client", Duration.ofDays(1));
        clientCertificate = client.certificate();
        clientKey = client.privateKey();
        mutual = startServer(tls("tls.server.mode", "enforcing", "tls.test.mode.enable", "false",
                "tls.server.certPath", server.certificate().toString(),
                "tls.server.keyPath", server.privateKey().toString(),
                "tls.server.need.client.auth", "require",
                "tls.server.authClient", "true",
                "tls.server.trustCertPath", client.certificate().toString()));
        assertThat(Files.isReadable(clientCertificate)).isTrue();
    }

    @AfterAll
    void stop() {
        // The official client takes about two seconds to stop; stop them side by side.
        CompletableFuture.allOf(clients.stream()
                .map(client -> CompletableFuture.runAsync(client::shutdown))
                .toArray(CompletableFuture[]::new)).join();
        servers.forEach(NettyRemotingServer::shutdown);
        TlsSystemConfig.tlsTestModeEnable = savedTestMode;
        TlsSystemConfig.tlsClientAuthServer = savedClientAuthServer;
        TlsSystemConfig.tlsClientCertPath = savedClientCertPath;
        TlsSystemConfig.tlsClientKeyPath = savedClientKeyPath;
        TlsSystemConfig.tlsClientKeyPassword = savedClientKeyPassword;
        TlsSystemConfig.tlsClientTrustCertPath = savedClientTrustCertPath;
    }

    private static Properties tls(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    private String startServer(Properties tls) throws IOException {
        NettyRemotingServer server = new NettyRemotingServer(new NettyServerConfig().bindAddress("127.0.0.1")
                .listenPort(0).tls(TlsConfig.from(tls)));
        server.registerProcessor(ECHO, (context, request) -> CompletableFuture.completedFuture(
                RemotingCommand.response(ResponseCode.SUCCESS, "echo " + request.remark()).body(request.body())));
        servers.add(server);
        server.start();
        return "127.0.0.1:" + server.port();
    }

    /** An official client in its default TLS test mode: it trusts any server and has no certificate. */
    private NettyRemotingClient officialClient(boolean useTls) {
        TlsSystemConfig.tlsTestModeEnable = true;
        TlsSystemConfig.tlsClientAuthServer = false;
        TlsSystemConfig.tlsClientCertPath = null;
        TlsSystemConfig.tlsClientKeyPath = null;
        TlsSystemConfig.tlsClientKeyPassword = null;
        TlsSystemConfig.tlsClientTrustCertPath = null;
        NettyClientConfig config = new NettyClientConfig();
        config.setUseTLS(useTls);
        return started(new NettyRemotingClient(config));
    }

    private NettyRemotingClient started(NettyRemotingClient client) {
        clients.add(client);
        client.start();
        return client;
    }

    private static org.apache.rocketmq.remoting.protocol.RemotingCommand request(String remark) {
        var request = org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(ECHO, null);
        request.setRemark(remark);
        request.setBody(remark.getBytes());
        return request;
    }

    private static void assertEchoed(NettyRemotingClient client, String address, String remark) throws Exception {
        var response = client.invokeSync(address, request(remark), TIMEOUT_MILLIS);
        assertThat(response.getCode()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.getRemark()).isEqualTo("echo " + remark);
        assertThat(response.getBody()).isEqualTo(remark.getBytes());
    }

    @Test
    void officialTlsClientTalksToEnforcingServer() throws Exception {
        NettyRemotingClient client = officialClient(true);
        assertEchoed(client, enforcing, "over tls");
        assertEchoed(client, enforcing, "again over the same connection");
    }

    @Test
    void enforcingServerRefusesOfficialPlaintextClient() throws Exception {
        NettyRemotingClient plain = officialClient(false);
        assertThatThrownBy(() -> plain.invokeSync(enforcing, request("plaintext"), TIMEOUT_MILLIS))
                .isInstanceOf(RemotingException.class);
        // The refusal is for that connection only: a TLS client is still served.
        assertEchoed(officialClient(true), enforcing, "still serving");
    }

    @Test
    void permissiveServerServesOfficialClientsWithAndWithoutTls() throws Exception {
        assertEchoed(officialClient(true), permissive, "tls on a permissive port");
        assertEchoed(officialClient(false), permissive, "plaintext on a permissive port");
    }

    @Test
    void mutualTlsServerRefusesOfficialClientWithoutCertificate() {
        NettyRemotingClient anonymous = officialClient(true);
        assertThatThrownBy(() -> anonymous.invokeSync(mutual, request("who am i"), TIMEOUT_MILLIS))
                .isInstanceOf(RemotingException.class);
    }

    @Test
    void mutualTlsServerServesOfficialClientWithTrustedCertificate() throws Exception {
        TlsSystemConfig.tlsTestModeEnable = false;
        TlsSystemConfig.tlsClientAuthServer = false;
        TlsSystemConfig.tlsClientCertPath = clientCertificate.toString();
        TlsSystemConfig.tlsClientKeyPath = clientKey.toString();
        TlsSystemConfig.tlsClientKeyPassword = null;
        TlsSystemConfig.tlsClientTrustCertPath = null;
        NettyClientConfig config = new NettyClientConfig();
        config.setUseTLS(true);
        assertEchoed(started(new NettyRemotingClient(config)), mutual, "with a certificate");
    }
}
