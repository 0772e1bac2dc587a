package io.apogee.remoting.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * TLS settings under RocketMQ's names ({@code tls.server.mode}, {@code tls.enable},
 * {@code tls.server.certPath}, ...). Immutable and thread-safe.
 *
 * @param serverMode how a server treats TLS on its port
 * @param testMode without configured certificates a server makes a self-signed one, and clients trust
 *     any server
 * @param serverNeedClientAuth whether a server asks clients for certificates (outside test mode)
 * @param serverCertPath PEM certificate chain of the server
 * @param serverKeyPath PEM (PKCS#8) private key of the server
 * @param serverKeyPassword password of an encrypted server key, or null
 * @param serverAuthClient verify client certificates against {@code serverTrustCertPath}
 * @param serverTrustCertPath PEM CA certificates that client certificates must chain to
 * @param clientEnable clients connect with TLS
 * @param clientCertPath PEM certificate of the client, for mutual TLS
 * @param clientKeyPath PEM (PKCS#8) private key of the client
 * @param clientKeyPassword password of an encrypted client key, or null
 * @param clientAuthServer verify the server certificate against {@code clientTrustCertPath}
 * @param clientTrustCertPath PEM CA certificates that the server certificate must chain to
 */
public record TlsConfig(TlsMode serverMode, boolean testMode, ClientAuth serverNeedClientAuth,
        String serverCertPath, String serverKeyPath, String serverKeyPassword, boolean serverAuthClient,
        String serverTrustCertPath, boolean clientEnable, String clientCertPath, String clientKeyPath,
        String clientKeyPassword, boolean clientAuthServer, String clientTrustCertPath) {

    public static final String SERVER_MODE = "tls.server.mode";
    public static final String TEST_MODE = "tls.test.mode.enable";
    public static final String CONFIG_FILE = "tls.config.file";
    public static final String CLIENT_ENABLE = "tls.enable";

    /** The defaults of RocketMQ: permissive server, test mode on, clients without TLS. */
    public static TlsConfig defaults() {
        return from(new Properties());
    }

    /**
     * Settings from {@code properties}; when {@code tls.config.file} names a readable file, its keys win
     * over the others (except the mode and the client switch, as in RocketMQ).
     *
     * @throws IllegalArgumentException when a value is invalid or the config file cannot be read
     */
    public static TlsConfig from(Properties properties) {
        Properties merged = new Properties();
        merged.putAll(properties);
        String file = properties.getProperty(CONFIG_FILE);
        if (file != null && Files.isReadable(Path.of(file))) {
            Properties fromFile = new Properties();
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                fromFile.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + CONFIG_FILE + " " + file + ": " + e.getMessage(), e);
            }
            fromFile.remove(SERVER_MODE);
            fromFile.remove(CLIENT_ENABLE);
            merged.putAll(fromFile);
        }
        return new TlsConfig(
                TlsMode.parse(merged.getProperty(SERVER_MODE, "permissive")),
                bool(merged, TEST_MODE, true),
                ClientAuth.parse(merged.getProperty("tls.server.need.client.auth", "none")),
                blankToNull(merged.getProperty("tls.server.certPath")),
                blankToNull(merged.getProperty("tls.server.keyPath")),
                blankToNull(merged.getProperty("tls.server.keyPassword")),
                bool(merged, "tls.server.authClient", false),
                blankToNull(merged.getProperty("tls.server.trustCertPath")),
                bool(merged, CLIENT_ENABLE, false),
                blankToNull(merged.getProperty("tls.client.certPath")),
                blankToNull(merged.getProperty("tls.client.keyPath")),
                blankToNull(merged.getProperty("tls.client.keyPassword")),
                bool(merged, "tls.client.authServer", false),
                blankToNull(merged.getProperty("tls.client.trustCertPath")));
    }

    /** Settings from the JVM's system properties, as the official daemons and clients read them. */
    public static TlsConfig fromSystemProperties() {
        return from(System.getProperties());
    }

    private static boolean bool(Properties properties, String key, boolean fallback) {
        String value = properties.getProperty(key);
        return value == null || value.isBlank() ? fallback : Boolean.parseBoolean(value.trim());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
