package io.apogee.client.runtime;

import io.apogee.remoting.Addresses;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.tls.TlsConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * What every client of one process instance shares: the name servers, the identity parts and the
 * cadence of route polls and heartbeats. Immutable and thread-safe; {@link #of} checks every value.
 *
 * @param namesrvAddrs name servers as {@code host:port}, in the configured order
 * @param clientIp the address put in the client id and in message unique keys
 * @param instanceName the instance part of the client id
 * @param unitName optional unit part of the client id, or null
 * @param pollNameServerIntervalMillis route refresh period ({@code pollNameServerInterval})
 * @param heartbeatBrokerIntervalMillis heartbeat period ({@code heartbeatBrokerInterval})
 * @param mqClientApiTimeoutMillis time-out of name-server and heartbeat calls ({@code mqClientApiTimeout})
 * @param useTLS connect with TLS; null for the remoting default ({@code tls.enable})
 * @param tls the client's TLS material (certificate and key for mutual TLS, trusted server CAs); null
 *     for the {@code tls.*} system properties, as the official client reads them
 * @param rpcHook runs around every request of the client, or null
 * @param credentials the ACL user whose signature goes on every request (after {@code rpcHook}), or null
 */
public record ClientSettings(List<String> namesrvAddrs, String clientIp, String instanceName, String unitName,
        long pollNameServerIntervalMillis, long heartbeatBrokerIntervalMillis, long mqClientApiTimeoutMillis,
        Boolean useTLS, TlsConfig tls, RpcHook rpcHook, Credentials credentials) {

    public static final long DEFAULT_POLL_NAMESRV_INTERVAL_MILLIS = 30_000;
    public static final long DEFAULT_HEARTBEAT_INTERVAL_MILLIS = 30_000;
    public static final long DEFAULT_API_TIMEOUT_MILLIS = 3_000;

    public ClientSettings {
        namesrvAddrs = List.copyOf(namesrvAddrs);
    }

    /** Settings without credentials and with the TLS material of the system properties. */
    public static ClientSettings of(String namesrvAddr, String clientIp, String instanceName, String unitName,
            long pollNameServerIntervalMillis, long heartbeatBrokerIntervalMillis, long mqClientApiTimeoutMillis,
            Boolean useTLS, RpcHook rpcHook) {
        return of(namesrvAddr, clientIp, instanceName, unitName, pollNameServerIntervalMillis,
                heartbeatBrokerIntervalMillis, mqClientApiTimeoutMillis, useTLS, null, rpcHook, null);
    }

    /**
     * Checks and builds settings.
     *
     * @param namesrvAddr {@code host:port} entries separated by {@code ;}
     * @throws IllegalArgumentException naming the bad value
     */
    public static ClientSettings of(String namesrvAddr, String clientIp, String instanceName, String unitName,
            long pollNameServerIntervalMillis, long heartbeatBrokerIntervalMillis, long mqClientApiTimeoutMillis,
            Boolean useTLS, TlsConfig tls, RpcHook rpcHook, Credentials credentials) {
        List<String> addrs = parseNamesrvAddr(namesrvAddr);
        if (clientIp == null || clientIp.isBlank()) {
            throw new IllegalArgumentException("clientIP must not be empty");
        }
        if (instanceName == null || instanceName.isBlank() || instanceName.contains("@")) {
            throw new IllegalArgumentException("instanceName must be non-blank without '@', instanceName="
                    + instanceName);
        }
        if (unitName != null && (unitName.isBlank() || unitName.contains("@"))) {
            throw new IllegalArgumentException("unitName must be non-blank without '@', unitName=" + unitName);
        }
        checkPositive("pollNameServerInterval", pollNameServerIntervalMillis);
        checkPositive("heartbeatBrokerInterval", heartbeatBrokerIntervalMillis);
        checkPositive("mqClientApiTimeout", mqClientApiTimeoutMillis);
        return new ClientSettings(addrs, clientIp, instanceName, unitName, pollNameServerIntervalMillis,
                heartbeatBrokerIntervalMillis, mqClientApiTimeoutMillis, useTLS, tls, rpcHook, credentials);
    }

    /**
     * Splits and checks a name-server list: {@code host:port[;host:port...]}.
     *
     * @throws IllegalArgumentException when the list is empty or an entry is not {@code host:port} with a
     *     port in 1..65535
     */
    public static List<String> parseNamesrvAddr(String namesrvAddr) {
        if (namesrvAddr == null || namesrvAddr.isBlank()) {
            throw new IllegalArgumentException("namesrvAddr must not be empty: set it to host:port[;host:port...]");
        }
        List<String> out = new ArrayList<>();
        for (String part : namesrvAddr.split(";")) {
            String addr = part.trim();
            if (addr.isEmpty()) {
                continue;
            }
            int port;
            String host;
            try {
                var parsed = Addresses.parse(addr);
                port = parsed.getPort();
                host = parsed.getHostString();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("namesrvAddr entry is not host:port, entry=" + addr
                        + ", namesrvAddr=" + namesrvAddr, e);
            }
            if (port == 0 || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("namesrvAddr entry needs a host and a port in 1..65535, entry="
                        + addr + ", namesrvAddr=" + namesrvAddr);
            }
            out.add(addr);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("namesrvAddr has no address: " + namesrvAddr);
        }
        return out;
    }

    /** Without secrets: credentials show their access key only, TLS material its file paths only. */
    @Override
    public String toString() {
        String tlsText = tls == null ? "null" : "TlsConfig[clientCertPath=" + tls.clientCertPath() + ", clientAuthServer="
                + tls.clientAuthServer() + ", clientTrustCertPath=" + tls.clientTrustCertPath() + "]";
        return "ClientSettings[namesrvAddrs=" + namesrvAddrs + ", clientIp=" + clientIp + ", instanceName="
                + instanceName + ", unitName=" + unitName + ", pollNameServerIntervalMillis="
                + pollNameServerIntervalMillis + ", heartbeatBrokerIntervalMillis=" + heartbeatBrokerIntervalMillis
                + ", mqClientApiTimeoutMillis=" + mqClientApiTimeoutMillis + ", useTLS=" + useTLS + ", tls=" + tlsText
                + ", rpcHook=" + rpcHook + ", credentials=" + credentials + "]";
    }

    private static void checkPositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, " + name + "=" + value);
        }
    }
}
