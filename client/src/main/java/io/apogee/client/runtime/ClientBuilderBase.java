package io.apogee.client.runtime;

import io.apogee.remoting.RpcHook;
import io.apogee.remoting.tls.TlsConfig;

/**
 * The settings every client builder shares (producers, consumers, admin), with the official client's
 * names and defaults: name servers (default {@code rocketmq.namesrv.addr} or {@code NAMESRV_ADDR}), the
 * client id's parts, the route and heartbeat cadence, TLS and ACL credentials. Not thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ClientBuilderBase<B extends ClientBuilderBase<B>> {
    private String namesrvAddr = System.getProperty("rocketmq.namesrv.addr", System.getenv("NAMESRV_ADDR"));
    private String clientIp;
    private String instanceName = ClientId.configuredInstanceName();
    private String unitName;
    private long pollNameServerIntervalMillis = ClientSettings.DEFAULT_POLL_NAMESRV_INTERVAL_MILLIS;
    private long heartbeatBrokerIntervalMillis = ClientSettings.DEFAULT_HEARTBEAT_INTERVAL_MILLIS;
    private long mqClientApiTimeoutMillis = ClientSettings.DEFAULT_API_TIMEOUT_MILLIS;
    private Boolean useTLS;
    private TlsConfig tls;
    private RpcHook rpcHook;
    private String accessKey;
    private String secretKey;
    private String securityToken;

    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /** {@code host:port[;host:port...]}. */
    public B namesrvAddr(String namesrvAddr) {
        this.namesrvAddr = namesrvAddr;
        return self();
    }

    /** The address in the client id and in unique keys; defaults to the first site-local address. */
    public B clientIp(String clientIp) {
        this.clientIp = clientIp;
        return self();
    }

    /** Clients with the same instance name share one client runtime; default {@code pid#nanoTime}. */
    public B instanceName(String instanceName) {
        this.instanceName = instanceName;
        return self();
    }

    public B unitName(String unitName) {
        this.unitName = unitName;
        return self();
    }

    public B pollNameServerInterval(long millis) {
        this.pollNameServerIntervalMillis = millis;
        return self();
    }

    public B heartbeatBrokerInterval(long millis) {
        this.heartbeatBrokerIntervalMillis = millis;
        return self();
    }

    public B mqClientApiTimeout(long millis) {
        this.mqClientApiTimeoutMillis = millis;
        return self();
    }

    /** Connect with TLS (default: the {@code tls.enable} system property). */
    public B useTLS(boolean useTLS) {
        this.useTLS = useTLS;
        return self();
    }

    /**
     * Connect with TLS using this material instead of the {@code tls.client.*} system properties: a
     * client certificate and key for mutual TLS ({@code tls.client.certPath}, {@code tls.client.keyPath},
     * {@code tls.client.keyPassword}) and the CAs that the server's certificate must chain to
     * ({@code tls.client.authServer}, {@code tls.client.trustCertPath}). Build one with
     * {@link TlsConfig#from(java.util.Properties)} from RocketMQ's {@code tls.*} keys. Implies
     * {@code useTLS(true)} unless {@link #useTLS(boolean)} says otherwise.
     */
    public B tls(TlsConfig tls) {
        this.tls = tls;
        return self();
    }

    /**
     * A hook run around every request of this client. Clients with one client id share one runtime: the
     * first one's hook is used.
     */
    public B rpcHook(RpcHook rpcHook) {
        this.rpcHook = rpcHook;
        return self();
    }

    /**
     * Sign every request as this ACL user (RocketMQ's {@code AclClientRPCHook} with
     * {@code SessionCredentials(accessKey, secretKey)}).
     */
    public B credentials(String accessKey, String secretKey) {
        return credentials(accessKey, secretKey, null);
    }

    /** As {@link #credentials(String, String)}, also sending {@code securityToken} when it is not null. */
    public B credentials(String accessKey, String secretKey, String securityToken) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.securityToken = securityToken;
        return self();
    }

    /** @throws IllegalArgumentException naming the first bad setting */
    protected final ClientSettings clientSettings() {
        return clientSettings(true);
    }

    /**
     * @param uniqueInstanceName make the default instance name unique to this process, as the official
     *     client does; false keeps it as configured (for a client whose id names state that must be found
     *     again after a restart, such as a broadcasting consumer's local offsets)
     * @throws IllegalArgumentException naming the first bad setting
     */
    protected final ClientSettings clientSettings(boolean uniqueInstanceName) {
        String ip = clientIp != null ? clientIp : ClientId.localAddress().getHostAddress();
        Credentials credentials = accessKey == null && secretKey == null ? null
                : new Credentials(accessKey, secretKey, securityToken);
        String instance = uniqueInstanceName ? ClientId.uniqueInstanceName(instanceName) : instanceName;
        return ClientSettings.of(namesrvAddr, ip, instance, unitName,
                pollNameServerIntervalMillis, heartbeatBrokerIntervalMillis, mqClientApiTimeoutMillis, useTLS, tls,
                rpcHook, credentials);
    }
}
