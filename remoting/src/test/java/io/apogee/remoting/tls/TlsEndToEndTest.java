package io.apogee.remoting.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogee.remoting.RemotingException;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.netty.NettyRemotingServer;
import io.apogee.remoting.netty.NettyServerConfig;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsEndToEndTest {
    private static final int ECHO = 1000;

    @TempDir
    Path dir;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private String server(Properties tls) throws Exception {
        NettyRemotingServer server = new NettyRemotingServer(new NettyServerConfig().bindAddress("127.0.0.1")
                .listenPort(0).tls(TlsConfig.from(tls)));
        server.registerProcessor(ECHO, (ctx, request) -> CompletableFuture.completedFuture(
                RemotingCommand.response(ResponseCode.SUCCESS, "over " + (ctx.channel().pipeline().get("tls") != null
                        ? "tls" : "plaintext"))));
        closeables.add(server);
        server.start();
        return "127.0.0.1:" + server.port();
    }

    private static Properties mode(String mode) {
        Properties properties = new Properties();
        properties.setProperty("tls.server.mode", mode);
        return properties;
    }

    private String call(String address, boolean useTls, Properties clientTls) throws Exception {
        NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig().useTLS(useTls)
                .connectTimeoutMillis(3000).tls(TlsConfig.from(clientTls)));
        closeables.add(client);
        client.start();
        return client.invokeSync(address, RemotingCommand.request(ECHO), 5000).remark();
    }

    @Test
    void enforcingServesTlsAndRefusesPlaintext() throws Exception {
        String address = server(mode("enforcing"));
        assertThat(call(address, true, new Properties())).isEqualTo("over tls");
        assertThatThrownBy(() -> call(address, false, new Properties())).isInstanceOf(RemotingException.class);
    }

    @Test
    void permissiveServesBothOnOnePort() throws Exception {
        String address = server(mode("permissive"));
        assertThat(call(address, true, new Properties())).isEqualTo("over tls");
        assertThat(call(address, false, new Properties())).isEqualTo("over plaintext");
    }

    @Test
    void disabledRefusesTls() throws Exception {
        String address = server(mode("disabled"));
        assertThat(call(address, false, new Properties())).isEqualTo("over plaintext");
        assertThatThrownBy(() -> call(address, true, new Properties())).isInstanceOf(RemotingException.class);
    }

    @Test
    void mutualTlsRefusesClientsWithoutATrustedCertificate() throws Exception {
        CertificateGenerator.PemFiles serverPem = CertificateGenerator.selfSigned("server", dir, "server", Duration.ofDays(1));
        CertificateGenerator.PemFiles clientPem = CertificateGenerator.selfSigned("client", dir, "client", Duration.ofDays(1));
        CertificateGenerator.PemFiles strangerPem = CertificateGenerator.selfSigned("stranger", dir, "stranger", Duration.ofDays(1));
        Properties serverTls = mode("enforcing");
        serverTls.setProperty("tls.test.mode.enable", "false");
        serverTls.setProperty("tls.server.certPath", serverPem.certificate().toString());
        serverTls.setProperty("tls.server.keyPath", serverPem.privateKey().toString());
        serverTls.setProperty("tls.server.need.client.auth", "require");
        serverTls.setProperty("tls.server.authClient", "true");
        serverTls.setProperty("tls.server.trustCertPath", clientPem.certificate().toString());
        String address = server(serverTls);

        Properties verifyServer = new Properties();
        verifyServer.setProperty("tls.client.authServer", "true");
        verifyServer.setProperty("tls.client.trustCertPath", serverPem.certificate().toString());
        assertThatThrownBy(() -> call(address, true, verifyServer))
                .as("no client certificate").isInstanceOf(RemotingException.class);

        Properties stranger = (Properties) verifyServer.clone();
        stranger.setProperty("tls.client.certPath", strangerPem.certificate().toString());
        stranger.setProperty("tls.client.keyPath", strangerPem.privateKey().toString());
        assertThatThrownBy(() -> call(address, true, stranger))
                .as("a certificate the server does not trust").isInstanceOf(RemotingException.class);

        Properties trusted = (Properties) verifyServer.clone();
        trusted.setProperty("tls.client.certPath", clientPem.certificate().toString());
        trusted.setProperty("tls.client.keyPath", clientPem.privateKey().toString());
        assertThat(call(address, true, trusted)).isEqualTo("over tls");
    }

    @Test
    void aClientThatVerifiesTheServerRefusesAnUntrustedOne() throws Exception {
        CertificateGenerator.PemFiles other = CertificateGenerator.selfSigned("other", dir, "other", Duration.ofDays(1));
        String address = server(mode("enforcing"));
        Properties verify = new Properties();
        verify.setProperty("tls.client.authServer", "true");
        verify.setProperty("tls.client.trustCertPath", other.certificate().toString());
        assertThatThrownBy(() -> call(address, true, verify)).isInstanceOf(RemotingException.class);
    }

    @Test
    void aClientThatVerifiesTheServerWithoutATrustFileUsesTheDefaultTrustStore() throws Exception {
        // The test-mode server certificate is self-signed: no public CA in the JDK's store vouches for it.
        String address = server(mode("enforcing"));
        Properties verify = new Properties();
        verify.setProperty("tls.client.authServer", "true");
        assertThatThrownBy(() -> call(address, true, verify)).isInstanceOf(RemotingException.class);
    }

    @Test
    void refusesToStartWithoutCertificatesOutsideTestMode() {
        Properties properties = mode("enforcing");
        properties.setProperty("tls.test.mode.enable", "false");
        NettyRemotingServer server = new NettyRemotingServer(new NettyServerConfig().bindAddress("127.0.0.1")
                .listenPort(0).tls(TlsConfig.from(properties)));
        closeables.add(server);
        assertThatThrownBy(server::start).hasMessageContaining("tls.server.certPath");
    }

    @Test
    void refusesAnUnknownMode() {
        assertThatThrownBy(() -> TlsConfig.from(mode("sometimes"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sometimes");
    }
}
