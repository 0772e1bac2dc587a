package io.apogee.bench;

import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.netty.NettyRemotingServer;
import io.apogee.remoting.netty.NettyServerConfig;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loopback request/response throughput with {@code invokeSync}: 1 and 16 callers sharing one client (so
 * one connection), against a server on 127.0.0.1 whose processor echoes the 100-byte body back. Ours
 * (client and server) against the official 5.3.3 client and server, each with its default threads.
 *
 * <p>Fairness: both servers run the echo processor on an executor of the same shape (8 threads, bounded
 * queue), both use the same transport (Java NIO by default: the official server uses epoll only when
 * told to, and the official client has no epoll option), and both are warmed with a call before measuring.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoundTripBenchmark {
    private static final long TIMEOUT_MILLIS = 5_000;
    private static final int PROCESSOR_THREADS = 8;

    @Param({"apogee", "official"})
    public String side;

    /**
     * {@code nio} on both sides, or {@code epoll}: native epoll for our server and client and the official
     * server (the official client stays on NIO, it cannot do otherwise).
     */
    @Param({"nio"})
    public String transport;

    private Endpoint endpoint;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Inputs.alignOfficialVersion();
        boolean epoll = "epoll".equals(transport);
        endpoint = "apogee".equals(side) ? new Apogee(epoll) : new Official(epoll);
        byte[] echoed = endpoint.call();
        if (!Arrays.equals(echoed, Inputs.ECHO_BODY)) {
            throw new IllegalStateException(side + " did not echo the body");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        endpoint.close();
    }

    @Benchmark
    @Group("callers01")
    @GroupThreads(1)
    public byte[] callers01() throws Exception {
        return endpoint.call();
    }

    @Benchmark
    @Group("callers16")
    @GroupThreads(16)
    public byte[] callers16() throws Exception {
        return endpoint.call();
    }

    private static ThreadPoolExecutor processorExecutor(String name) {
        return new ThreadPoolExecutor(PROCESSOR_THREADS, PROCESSOR_THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(10_000), r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                });
    }

    /** A server and a client connected to it. */
    private interface Endpoint extends AutoCloseable {
        /** One synchronous call; the echoed body. */
        byte[] call() throws Exception;

        @Override
        void close();
    }

    private static final class Apogee implements Endpoint {
        private final ThreadPoolExecutor executor = processorExecutor("apogee-echo");
        private final NettyRemotingServer server;
        private final NettyRemotingClient client;
        private final String address;

        Apogee(boolean epoll) throws Exception {
            server = new NettyRemotingServer(new NettyServerConfig()
                    .bindAddress("127.0.0.1").listenPort(0).useEpollNativeSelector(epoll));
            server.registerProcessor(Inputs.ECHO_CODE, (context, request) -> CompletableFuture.completedFuture(
                    RemotingCommand.response(ResponseCode.SUCCESS, null).body(request.body())), executor);
            server.start();
            client = new NettyRemotingClient(new NettyClientConfig().useEpollNativeSelector(epoll));
            client.start();
            address = "127.0.0.1:" + server.port();
        }

        @Override
        public byte[] call() throws Exception {
            RemotingCommand response = client.invokeSync(address,
                    RemotingCommand.request(Inputs.ECHO_CODE).body(Inputs.ECHO_BODY), TIMEOUT_MILLIS);
            if (response.code() != ResponseCode.SUCCESS) {
                throw new IllegalStateException("unexpected response " + response);
            }
            return response.body();
        }

        @Override
        public void close() {
            client.shutdown();
            server.shutdown();
            executor.shutdownNow();
        }
    }

    private static final class Official implements Endpoint {
        private final ThreadPoolExecutor executor = processorExecutor("official-echo");
        private final org.apache.rocketmq.remoting.netty.NettyRemotingServer server;
        private final org.apache.rocketmq.remoting.netty.NettyRemotingClient client;
        private final String address;

        Official(boolean epoll) {
            org.apache.rocketmq.remoting.netty.NettyServerConfig serverConfig =
                    new org.apache.rocketmq.remoting.netty.NettyServerConfig();
            serverConfig.setBindAddress("127.0.0.1");
            serverConfig.setListenPort(0);
            serverConfig.setUseEpollNativeSelector(epoll);
            server = new org.apache.rocketmq.remoting.netty.NettyRemotingServer(serverConfig);
            server.registerProcessor(Inputs.ECHO_CODE, new org.apache.rocketmq.remoting.netty.NettyRequestProcessor() {
                @Override
                public org.apache.rocketmq.remoting.protocol.RemotingCommand processRequest(
                        io.netty.channel.ChannelHandlerContext ctx,
                        org.apache.rocketmq.remoting.protocol.RemotingCommand request) {
                    org.apache.rocketmq.remoting.protocol.RemotingCommand response =
                            org.apache.rocketmq.remoting.protocol.RemotingCommand.createResponseCommand(
                                    ResponseCode.SUCCESS, null);
                    response.setBody(request.getBody());
                    return response;
                }

                @Override
                public boolean rejectRequest() {
                    return false;
                }
            }, executor);
            server.start();
            client = new org.apache.rocketmq.remoting.netty.NettyRemotingClient(
                    new org.apache.rocketmq.remoting.netty.NettyClientConfig());
            client.start();
            address = "127.0.0.1:" + server.localListenPort();
        }

        @Override
        public byte[] call() throws Exception {
            org.apache.rocketmq.remoting.protocol.RemotingCommand request =
                    org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(Inputs.ECHO_CODE, null);
            request.setBody(Inputs.ECHO_BODY);
            org.apache.rocketmq.remoting.protocol.RemotingCommand response =
                    client.invokeSync(address, request, TIMEOUT_MILLIS);
            if (response.getCode() != ResponseCode.SUCCESS) {
                throw new IllegalStateException("unexpected response " + response);
            }
            return response.getBody();
        }

        @Override
        public void close() {
            client.shutdown();
            server.shutdown();
            executor.shutdownNow();
        }
    }
}
