package io.apogee.remoting.netty;

import io.apogee.remoting.protocol.FrameLayout;
import io.apogee.remoting.tls.TlsConfig;
import java.util.Objects;

/**
 * Settings of a remoting client, with RocketMQ's defaults (3 s connect time-out, 120 s idle close,
 * 65 535 asynchronous and oneway calls in flight). Mutable until the client starts; not thread-safe.
 */
public final class NettyClientConfig {
    private int clientWorkerThreads = 4;
    private int clientCallbackExecutorThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private int clientSelectorThreads = 1;
    private int clientOnewaySemaphoreValue = 65_535;
    private int clientAsyncSemaphoreValue = 65_535;
    private int connectTimeoutMillis = 3000;
    private int clientChannelMaxIdleTimeSeconds = 120;
    private boolean clientCloseSocketIfTimeout = true;
    private int frameMaxLength = FrameLayout.configuredMaxFrameLength();
    private boolean useEpollNativeSelector = true;
    // As the official client: tls.enable and the tls.client.* keys come from the system properties.
    private TlsConfig tls = TlsConfig.fromSystemProperties();
    private boolean useTLS = tls.clientEnable();

    /** Threads that serve requests the server sends to this client. */
    public int clientWorkerThreads() {
        return clientWorkerThreads;
    }

    public NettyClientConfig clientWorkerThreads(int threads) {
        this.clientWorkerThreads = NettyServerConfig.checkRange("clientWorkerThreads", threads, 1, 1024);
        return this;
    }

    public int clientCallbackExecutorThreads() {
        return clientCallbackExecutorThreads;
    }

    public NettyClientConfig clientCallbackExecutorThreads(int threads) {
        this.clientCallbackExecutorThreads = NettyServerConfig.checkRange("clientCallbackExecutorThreads", threads, 1, 1024);
        return this;
    }

    public int clientSelectorThreads() {
        return clientSelectorThreads;
    }

    public NettyClientConfig clientSelectorThreads(int threads) {
        this.clientSelectorThreads = NettyServerConfig.checkRange("clientSelectorThreads", threads, 1, 256);
        return this;
    }

    public int clientOnewaySemaphoreValue() {
        return clientOnewaySemaphoreValue;
    }

    public NettyClientConfig clientOnewaySemaphoreValue(int value) {
        this.clientOnewaySemaphoreValue = NettyServerConfig.checkRange("clientOnewaySemaphoreValue", value, 1, 1 << 20);
        return this;
    }

    public int clientAsyncSemaphoreValue() {
        return clientAsyncSemaphoreValue;
    }

    public NettyClientConfig clientAsyncSemaphoreValue(int value) {
        this.clientAsyncSemaphoreValue = NettyServerConfig.checkRange("clientAsyncSemaphoreValue", value, 1, 1 << 20);
        return this;
    }

    public int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public NettyClientConfig connectTimeoutMillis(int millis) {
        this.connectTimeoutMillis = NettyServerConfig.checkRange("connectTimeoutMillis", millis, 1, 600_000);
        return this;
    }

    public int clientChannelMaxIdleTimeSeconds() {
        return clientChannelMaxIdleTimeSeconds;
    }

    public NettyClientConfig clientChannelMaxIdleTimeSeconds(int seconds) {
        this.clientChannelMaxIdleTimeSeconds = NettyServerConfig.checkRange("clientChannelMaxIdleTimeSeconds", seconds, 0, 86_400);
        return this;
    }

    /** Close the connection when a synchronous call times out; the next call reconnects. */
    public boolean clientCloseSocketIfTimeout() {
        return clientCloseSocketIfTimeout;
    }

    public NettyClientConfig clientCloseSocketIfTimeout(boolean close) {
        this.clientCloseSocketIfTimeout = close;
        return this;
    }

    public int frameMaxLength() {
        return frameMaxLength;
    }

    public NettyClientConfig frameMaxLength(int frameMaxLength) {
        this.frameMaxLength = NettyServerConfig.checkRange("frameMaxLength", frameMaxLength, 1024, Integer.MAX_VALUE);
        return this;
    }

    public boolean useEpollNativeSelector() {
        return useEpollNativeSelector;
    }

    public NettyClientConfig useEpollNativeSelector(boolean use) {
        this.useEpollNativeSelector = use;
        return this;
    }

    public TlsConfig tls() {
        return tls;
    }

    public NettyClientConfig tls(TlsConfig tls) {
        this.tls = Objects.requireNonNull(tls, "tls");
        return this;
    }

    /** Connect with TLS. Defaults to {@code tls.enable}. */
    public boolean useTLS() {
        return useTLS;
    }

    public NettyClientConfig useTLS(boolean useTLS) {
        this.useTLS = useTLS;
        return this;
    }
}
