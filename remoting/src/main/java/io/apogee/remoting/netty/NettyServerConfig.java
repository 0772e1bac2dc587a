package io.apogee.remoting.netty;

import io.apogee.remoting.protocol.FrameLayout;
import io.apogee.remoting.tls.TlsConfig;
import java.util.Objects;

/**
 * Settings of a remoting server, named as RocketMQ names them ({@code listenPort},
 * {@code serverWorkerThreads}, {@code serverChannelMaxIdleTimeSeconds}, ...). Mutable until the server
 * starts; not thread-safe.
 */
public final class NettyServerConfig {
    private String bindAddress = "0.0.0.0";
    private int listenPort = 8888;
    private int serverWorkerThreads = 8;
    private int serverCallbackExecutorThreads = 0;
    private int serverSelectorThreads = 3;
    private int serverOnewaySemaphoreValue = 256;
    private int serverAsyncSemaphoreValue = 64;
    private int serverChannelMaxIdleTimeSeconds = 120;
    private int serverSocketBacklog = 1024;
    private int frameMaxLength = FrameLayout.configuredMaxFrameLength();
    private int defaultProcessorQueueCapacity = 10_000;
    private boolean useEpollNativeSelector = true;
    private TlsConfig tls = TlsConfig.defaults();

    public String bindAddress() {
        return bindAddress;
    }

    public NettyServerConfig bindAddress(String bindAddress) {
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        return this;
    }

    /** The port to listen on; 0 picks a free one, read it back from the started server. */
    public int listenPort() {
        return listenPort;
    }

    public NettyServerConfig listenPort(int listenPort) {
        this.listenPort = checkRange("listenPort", listenPort, 0, 65535);
        return this;
    }

    /** Threads of the default processor executor. */
    public int serverWorkerThreads() {
        return serverWorkerThreads;
    }

    public NettyServerConfig serverWorkerThreads(int threads) {
        this.serverWorkerThreads = checkRange("serverWorkerThreads", threads, 1, 1024);
        return this;
    }

    /** Threads that deliver asynchronous results of server-initiated calls; 0 means 4. */
    public int serverCallbackExecutorThreads() {
        return serverCallbackExecutorThreads <= 0 ? 4 : serverCallbackExecutorThreads;
    }

    public NettyServerConfig serverCallbackExecutorThreads(int threads) {
        this.serverCallbackExecutorThreads = checkRange("serverCallbackExecutorThreads", threads, 0, 1024);
        return this;
    }

    /** Event-loop threads that do the network I/O. */
    public int serverSelectorThreads() {
        return serverSelectorThreads;
    }

    public NettyServerConfig serverSelectorThreads(int threads) {
        this.serverSelectorThreads = checkRange("serverSelectorThreads", threads, 1, 256);
        return this;
    }

    public int serverOnewaySemaphoreValue() {
        return serverOnewaySemaphoreValue;
    }

    public NettyServerConfig serverOnewaySemaphoreValue(int value) {
        this.serverOnewaySemaphoreValue = checkRange("serverOnewaySemaphoreValue", value, 1, 1 << 20);
        return this;
    }

    public int serverAsyncSemaphoreValue() {
        return serverAsyncSemaphoreValue;
    }

    public NettyServerConfig serverAsyncSemaphoreValue(int value) {
        this.serverAsyncSemaphoreValue = checkRange("serverAsyncSemaphoreValue", value, 1, 1 << 20);
        return this;
    }

    /** A connection with neither reads nor writes for this long is closed; 0 never closes. */
    public int serverChannelMaxIdleTimeSeconds() {
        return serverChannelMaxIdleTimeSeconds;
    }

    public NettyServerConfig serverChannelMaxIdleTimeSeconds(int seconds) {
        this.serverChannelMaxIdleTimeSeconds = checkRange("serverChannelMaxIdleTimeSeconds", seconds, 0, 86_400);
        return this;
    }

    public int serverSocketBacklog() {
        return serverSocketBacklog;
    }

    public NettyServerConfig serverSocketBacklog(int backlog) {
        this.serverSocketBacklog = checkRange("serverSocketBacklog", backlog, 1, 65_535);
        return this;
    }

    /** The largest frame accepted, length field included ({@code com.rocketmq.remoting.frameMaxLength}). */
    public int frameMaxLength() {
        return frameMaxLength;
    }

    public NettyServerConfig frameMaxLength(int frameMaxLength) {
        this.frameMaxLength = checkRange("frameMaxLength", frameMaxLength, 1024, Integer.MAX_VALUE);
        return this;
    }

    /** Queue capacity of the default processor executor; beyond it requests are answered SYSTEM_BUSY. */
    public int defaultProcessorQueueCapacity() {
        return defaultProcessorQueueCapacity;
    }

    public NettyServerConfig defaultProcessorQueueCapacity(int capacity) {
        this.defaultProcessorQueueCapacity = checkRange("defaultProcessorQueueCapacity", capacity, 1, 1 << 24);
        return this;
    }

    /** Use Linux's epoll transport when it is available (NIO otherwise). */
    public boolean useEpollNativeSelector() {
        return useEpollNativeSelector;
    }

    public NettyServerConfig useEpollNativeSelector(boolean use) {
        this.useEpollNativeSelector = use;
        return this;
    }

    public TlsConfig tls() {
        return tls;
    }

    public NettyServerConfig tls(TlsConfig tls) {
        this.tls = Objects.requireNonNull(tls, "tls");
        return this;
    }

    static int checkRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }
}
