package io.apogee.remoting.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Builds Netty SSL contexts from {@link TlsConfig}: PEM certificates and keys from files, optional
 * verification of the peer against PEM CA files, and in test mode a self-signed server certificate
 * made at start. Thread-safe.
 */
public final class SslContexts {
    private SslContexts() {
    }

    /**
     * The server context.
     *
     * @throws IOException when a configured file cannot be read or parsed, or no certificate is
     *     configured outside test mode
     */
    public static SslContext forServer(TlsConfig config) throws IOException {
        File certificate;
        File key;
        if (config.serverCertPath() != null && config.serverKeyPath() != null) {
            certificate = readable(config.serverCertPath(), "tls.server.certPath");
            key = readable(config.serverKeyPath(), "tls.server.keyPath");
        } else if (config.testMode()) {
            Path directory = Files.createTempDirectory("apogee-tls");
            CertificateGenerator.PemFiles generated =
                    CertificateGenerator.selfSigned("apogee-test", directory, "server", Duration.ofDays(365));
            certificate = generated.certificate().toFile();
            key = generated.privateKey().toFile();
            directory.toFile().deleteOnExit();
            certificate.deleteOnExit();
            key.deleteOnExit();
        } else {
            throw new IOException("TLS is on but tls.server.certPath and tls.server.keyPath are not set "
                    + "(and tls.test.mode.enable is false)");
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(certificate, key, config.serverKeyPassword());
            ClientAuth clientAuth = config.testMode() && config.serverCertPath() == null
                    ? ClientAuth.OPTIONAL : config.serverNeedClientAuth();
            builder.clientAuth(switch (clientAuth) {
                case NONE -> io.netty.handler.ssl.ClientAuth.NONE;
                case OPTIONAL -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
                case REQUIRE -> io.netty.handler.ssl.ClientAuth.REQUIRE;
            });
            // Checking peers without a trust file means the JDK's default trust store, never "trust anyone".
            if (config.serverAuthClient()) {
                if (config.serverTrustCertPath() != null) {
                    builder.trustManager(readable(config.serverTrustCertPath(), "tls.server.trustCertPath"));
                }
            } else {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot use the server certificate or key: " + e.getMessage(), e);
        }
    }

    /**
     * The client context.
     *
     * @throws IOException when a configured file cannot be read or parsed
     */
    public static SslContext forClient(TlsConfig config) throws IOException {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            if (config.clientAuthServer()) {
                if (config.clientTrustCertPath() != null) {
                    builder.trustManager(readable(config.clientTrustCertPath(), "tls.client.trustCertPath"));
                }
            } else {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
            if (config.clientCertPath() != null && config.clientKeyPath() != null) {
                builder.keyManager(readable(config.clientCertPath(), "tls.client.certPath"),
                        readable(config.clientKeyPath(), "tls.client.keyPath"), config.clientKeyPassword());
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot use the client certificate or key: " + e.getMessage(), e);
        }
    }

    private static File readable(String path, String key) throws IOException {
        File file = new File(path);
        if (!file.canRead()) {
            throw new IOException(key + " names a file that cannot be read: " + path);
        }
        return file;
    }
}
