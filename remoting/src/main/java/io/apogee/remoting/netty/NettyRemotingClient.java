package io.apogee.remoting.netty;

import io.apogee.remoting.Addresses;
import io.apogee.remoting.ConnectionListener;
import io.apogee.remoting.RemotingConnectException;
import io.apogee.remoting.RemotingException;
import io.apogee.remoting.RemotingTimeoutException;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.RequestRejectedException;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.tls.SslContexts;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A remoting client: one connection per {@code host:port}, opened on first use, reused by every call
 * and reopened on demand after it closes. Also serves the requests servers send to it (transaction
 * checks, consumer notifications) with registered processors. Register processors, hooks and listeners
 * before {@link #start()}; everything else is thread-safe.
 */
public final class NettyRemotingClient implements AutoCloseable {
    private final NettyClientConfig config;
    private final ProcessorRegistry processors = new ProcessorRegistry();
    private final List<RpcHook> hooks = new CopyOnWriteArrayList<>();
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentMap<String, ChannelFuture> connections = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor workerExecutor;
    private final ThreadPoolExecutor callbackExecutor;
    private final ChannelInvoker invoker;
    private final Transports transports;
    private EventLoopGroup ioGroup;
    private Bootstrap bootstrap;
    private ScheduledFuture<?> timeoutScanner;
    private volatile boolean stopped;

    public NettyRemotingClient(NettyClientConfig config) {
        this.config = config;
        this.workerExecutor = ProcessingExecutors.bounded("remoting-client-worker", config.clientWorkerThreads(), 10_000);
        this.callbackExecutor = ProcessingExecutors.bounded("remoting-client-callback",
                config.clientCallbackExecutorThreads(), 1 << 20);
        this.invoker = new ChannelInvoker(config.clientAsyncSemaphoreValue(), config.clientOnewaySemaphoreValue(),
                callbackExecutor);
        this.transports = Transports.choose(config.useEpollNativeSelector());
    }

    public void registerProcessor(int requestCode, RequestProcessor processor, Executor executor) {
        processors.register(requestCode, processor, executor == null ? workerExecutor : executor);
    }

    public void addRpcHook(RpcHook hook) {
        hooks.add(hook);
    }

    public void addConnectionListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    /**
     * Prepares the event loop; connections are opened by the calls that need them.
     *
     * @throws IOException when TLS is on and its material cannot be loaded
     */
    public synchronized void start() throws IOException {
        if (bootstrap != null) {
            throw new IllegalStateException("already started");
        }
        SslContext sslContext = config.useTLS() ? SslContexts.forClient(config.tls()) : null;
        CommandDispatcher dispatcher = new CommandDispatcher(processors, invoker, hooks);
        ConnectionEvents events = new ConnectionEvents("client", listeners, invoker);
        ioGroup = transports.group(config.clientSelectorThreads(), "remoting-client-io");
        bootstrap = new Bootstrap()
                .group(ioGroup)
                .channel(transports.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.connectTimeoutMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        ChannelPipeline pipeline = channel.pipeline();
                        if (sslContext != null) {
                            InetSocketAddress remote = channel.remoteAddress();
                            pipeline.addLast("tls", remote == null ? sslContext.newHandler(channel.alloc())
                                    : sslContext.newHandler(channel.alloc(), remote.getHostString(), remote.getPort()));
                        }
                        CommandPipeline.install(pipeline, config.frameMaxLength(),
                                config.clientChannelMaxIdleTimeSeconds(), dispatcher, events);
                    }
                });
        timeoutScanner = ioGroup.next().scheduleAtFixedRate(invoker::scanExpired, 1, 1, TimeUnit.SECONDS);
    }

    /** Calls {@code address} and waits for the response. */
    public RemotingCommand invokeSync(String address, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        long start = System.nanoTime();
        runHooksBefore(address, request);
        Channel channel = channel(address);
        long left = timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (left <= 0) {
            throw new RemotingTimeoutException(address, timeoutMillis);
        }
        RemotingCommand response;
        try {
            response = invoker.invokeSync(channel, request, left);
        } catch (RemotingTimeoutException e) {
            if (config.clientCloseSocketIfTimeout()) {
                channel.close();
            }
            throw e;
        }
        runHooksAfter(address, request, response);
        return response;
    }

    /**
     * Calls {@code address}; the future completes with the response on a callback thread, or fails with
     * a {@link RemotingException}.
     */
    public CompletableFuture<RemotingCommand> invokeAsync(String address, RemotingCommand request, long timeoutMillis) {
        Channel channel;
        try {
            runHooksBefore(address, request);
            channel = channel(address);
        } catch (RemotingException e) {
            return CompletableFuture.failedFuture(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        return invoker.invokeAsync(channel, request, timeoutMillis).thenApply(response -> {
            runHooksAfter(address, request, response);
            return response;
        });
    }

    /** Sends a oneway request to {@code address}. */
    public void invokeOneway(String address, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        runHooksBefore(address, request);
        invoker.invokeOneway(channel(address), request, timeoutMillis);
    }

    /** Closes the connection to {@code address}, if open; the next call reconnects. */
    public void closeConnection(String address) {
        ChannelFuture future = connections.remove(address);
        if (future != null) {
            future.channel().close();
        }
    }

    /** Whether a connection to {@code address} is open now. */
    public boolean isConnected(String address) {
        ChannelFuture future = connections.get(address);
        return future != null && future.isSuccess() && future.channel().isActive();
    }

    /** Calls that await responses now (a metric; also lets tests see that nothing leaks). */
    public int pendingCalls() {
        return invoker.pendingCount();
    }

    public synchronized void shutdown() {
        stopped = true;
        if (timeoutScanner != null) {
            timeoutScanner.cancel(false);
        }
        for (ChannelFuture future : connections.values()) {
            future.channel().close();
        }
        connections.clear();
        invoker.shutdown();
        if (ioGroup != null) {
            ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        workerExecutor.shutdownNow();
        callbackExecutor.shutdown();
    }

    @Override
    public void close() {
        shutdown();
    }

    private Channel channel(String address) throws InterruptedException, RemotingConnectException {
        if (stopped || bootstrap == null) {
            throw new RemotingConnectException(address, "client is not running");
        }
        // The usual case, a live connection: no address parsing and no compute() lambda on every call.
        ChannelFuture live = connections.get(address);
        if (live != null && live.isSuccess() && live.channel().isActive()) {
            return live.channel();
        }
        InetSocketAddress target;
        try {
            target = Addresses.parse(address);
        } catch (IllegalArgumentException e) {
            throw new RemotingConnectException(address, e.getMessage());
        }
        // One connect per address at a time: compute() makes racing callers share the same attempt,
        // and replaces a connection that has failed or closed.
        ChannelFuture future = connections.compute(address, (key, existing) -> {
            if (existing != null && (!existing.isDone() || existing.channel().isActive())) {
                return existing;
            }
            return bootstrap.connect(target.getHostString(), target.getPort());
        });
        if (!future.await(config.connectTimeoutMillis())) {
            connections.remove(address, future);
            future.channel().close();
            throw new RemotingConnectException(address, "no connection within " + config.connectTimeoutMillis() + " ms");
        }
        if (!future.isSuccess() || !future.channel().isActive()) {
            connections.remove(address, future);
            Throwable cause = future.cause();
            throw new RemotingConnectException(address, cause == null ? "connection closed" : cause.toString());
        }
        return future.channel();
    }

    private void runHooksBefore(String address, RemotingCommand request) throws RemotingException {
        for (RpcHook hook : hooks) {
            try {
                hook.beforeRequest(address, request);
            } catch (RequestRejectedException e) {
                throw new RemotingException("RPC hook refused the request: " + e.getMessage(), e);
            }
        }
    }

    private void runHooksAfter(String address, RemotingCommand request, RemotingCommand response) {
        for (RpcHook hook : hooks) {
            hook.afterResponse(address, request, response);
        }
    }
}
