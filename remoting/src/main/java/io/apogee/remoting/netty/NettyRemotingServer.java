package io.apogee.remoting.netty;

import io.apogee.remoting.ConnectionListener;
import io.apogee.remoting.RemotingException;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.tls.SslContexts;
import io.apogee.remoting.tls.TlsDetector;
import io.apogee.remoting.tls.TlsMode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remoting server: accepts connections, decodes frames, dispatches requests to the processors
 * registered by code and answers them; can also call its clients. Register processors, hooks and
 * listeners before {@link #start()}; everything else is thread-safe.
 */
public final class NettyRemotingServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NettyRemotingServer.class);

    private final NettyServerConfig config;
    private final ProcessorRegistry processors = new ProcessorRegistry();
    private final List<RpcHook> hooks = new CopyOnWriteArrayList<>();
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor defaultExecutor;
    private final ThreadPoolExecutor callbackExecutor;
    private final ChannelInvoker invoker;
    private final Transports transports;
    private EventLoopGroup bossGroup;
    private EventLoopGroup ioGroup;
    private Channel serverChannel;
    private ScheduledFuture<?> timeoutScanner;
    private volatile int port = -1;

    public NettyRemotingServer(NettyServerConfig config) {
        this.config = config;
        this.defaultExecutor = ProcessingExecutors.bounded("remoting-server-worker", config.serverWorkerThreads(),
                config.defaultProcessorQueueCapacity());
        this.callbackExecutor = ProcessingExecutors.bounded("remoting-server-callback",
                config.serverCallbackExecutorThreads(), 65_536);
        this.invoker = new ChannelInvoker(config.serverAsyncSemaphoreValue(), config.serverOnewaySemaphoreValue(),
                callbackExecutor);
        this.transports = Transports.choose(config.useEpollNativeSelector());
    }

    /** Serves {@code requestCode} with {@code processor} on {@code executor}. */
    public void registerProcessor(int requestCode, RequestProcessor processor, Executor executor) {
        processors.register(requestCode, processor, executor);
    }

    /** Serves {@code requestCode} on the server's shared worker pool. */
    public void registerProcessor(int requestCode, RequestProcessor processor) {
        processors.register(requestCode, processor, defaultExecutor);
    }

    /** Serves every code that has no processor of its own. */
    public void registerDefaultProcessor(RequestProcessor processor, Executor executor) {
        processors.registerDefault(processor, executor);
    }

    public void addRpcHook(RpcHook hook) {
        hooks.add(hook);
    }

    public void addConnectionListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    /**
     * Binds and starts serving.
     *
     * @throws IOException when the port cannot be bound or the TLS material cannot be loaded
     */
    public synchronized void start() throws IOException {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        TlsMode mode = config.tls().serverMode();
        SslContext sslContext = mode == TlsMode.DISABLED ? null : SslContexts.forServer(config.tls());
        CommandDispatcher dispatcher = new CommandDispatcher(processors, invoker, hooks);
        ConnectionEvents events = new ConnectionEvents("server", listeners, invoker);
        bossGroup = transports.group(1, "remoting-server-accept");
        ioGroup = transports.group(config.serverSelectorThreads(), "remoting-server-io");
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, ioGroup)
                .channel(transports.serverChannel())
                .option(ChannelOption.SO_BACKLOG, config.serverSocketBacklog())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        ChannelPipeline pipeline = channel.pipeline();
                        pipeline.addLast("tls-detector", new TlsDetector(mode, sslContext));
                        CommandPipeline.install(pipeline, config.frameMaxLength(),
                                config.serverChannelMaxIdleTimeSeconds(), dispatcher, events);
                    }
                });
        try {
            serverChannel = bootstrap.bind(config.bindAddress(), config.listenPort()).syncUninterruptibly().channel();
        } catch (Exception e) {
            shutdownGroups();
            throw new IOException("cannot listen on " + config.bindAddress() + ":" + config.listenPort() + ": "
                    + e.getMessage(), e);
        }
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        timeoutScanner = ioGroup.next().scheduleAtFixedRate(invoker::scanExpired, 1, 1, TimeUnit.SECONDS);
        LOG.info("remoting server listening on {}:{} ({}, TLS {})", config.bindAddress(), port,
                transports.isNative() ? "epoll" : "nio", mode.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The port the server listens on, once started. */
    public int port() {
        return port;
    }

    /** Calls a client on one of the server's connections and waits for the answer. */
    public RemotingCommand invokeSync(Channel channel, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        return invoker.invokeSync(channel, request, timeoutMillis);
    }

    /** Calls a client; the future completes on a callback thread. */
    public CompletableFuture<RemotingCommand> invokeAsync(Channel channel, RemotingCommand request, long timeoutMillis) {
        return invoker.invokeAsync(channel, request, timeoutMillis);
    }

    public void invokeOneway(Channel channel, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        invoker.invokeOneway(channel, request, timeoutMillis);
    }

    /** Stops listening, closes every connection and stops the server's threads. */
    public synchronized void shutdown() {
        if (timeoutScanner != null) {
            timeoutScanner.cancel(false);
        }
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
        shutdownGroups();
        invoker.shutdown();
        defaultExecutor.shutdownNow();
        callbackExecutor.shutdown();
    }

    @Override
    public void close() {
        shutdown();
    }

    private void shutdownGroups() {
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
        if (ioGroup != null) {
            ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
