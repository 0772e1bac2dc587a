package io.apogee.remoting.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.apogee.remoting.ConnectionListener;
import io.apogee.remoting.RemotingConnectException;
import io.apogee.remoting.RemotingTimeoutException;
import io.apogee.remoting.RemotingTooMuchRequestException;
import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.RequestRejectedException;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.SerializeType;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import io.apogee.remoting.tls.TlsConfig;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RemotingEndpointsTest {
    private static final int ECHO = 1000;
    private static final int SILENT = 1001;
    private static final int BLOCKING = 1002;
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final java.util.concurrent.Semaphore silentSeen = new java.util.concurrent.Semaphore(0);

    @AfterEach
    void closeEverything() throws Exception {
        release.countDown();
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    static TlsConfig plaintextOnly() {
        Properties properties = new Properties();
        properties.setProperty(TlsConfig.SERVER_MODE, "disabled");
        return TlsConfig.from(properties);
    }

    private NettyRemotingServer server(NettyServerConfig config, ConnectionListener listener) throws Exception {
        NettyRemotingServer server = new NettyRemotingServer(config.bindAddress("127.0.0.1").listenPort(0)
                .tls(plaintextOnly()));
        server.registerProcessor(ECHO, (ctx, request) -> CompletableFuture.completedFuture(
                RemotingCommand.response(ResponseCode.SUCCESS, "echo").body(request.body())
                        .putExtField("x", request.extField("x"))));
        server.registerProcessor(SILENT, (ctx, request) -> {
            silentSeen.release();
            return null;
        });
        server.registerProcessor(BLOCKING, (ctx, request) -> {
            release.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS, null));
        });
        if (listener != null) {
            server.addConnectionListener(listener);
        }
        closeables.add(server);
        return server;
    }

    private NettyRemotingServer server() throws Exception {
        NettyRemotingServer server = server(new NettyServerConfig(), null);
        server.start();
        return server;
    }

    private NettyRemotingClient client(NettyClientConfig config) throws Exception {
        NettyRemotingClient client = new NettyRemotingClient(config);
        client.start();
        closeables.add(client);
        return client;
    }

    private NettyRemotingClient client() throws Exception {
        return client(new NettyClientConfig());
    }

    private static String address(NettyRemotingServer server) {
        return "127.0.0.1:" + server.port();
    }

    @Test
    void answersSyncAsyncAndOnewayCalls() throws Exception {
        NettyRemotingServer server = server(new NettyServerConfig(), null);
        CountDownLatch onewaySeen = new CountDownLatch(1);
        server.registerProcessor(RequestCode.HEART_BEAT, (ctx, request) -> {
            onewaySeen.countDown();
            return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS, null));
        });
        server.start();
        NettyRemotingClient client = client();

        RemotingCommand sync = client.invokeSync(address(server),
                RemotingCommand.request(ECHO).putExtField("x", "1").body(new byte[] {1, 2}), 3000);
        assertThat(sync.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(sync.extField("x")).isEqualTo("1");
        assertThat(sync.body()).containsExactly(1, 2);

        RemotingCommand async = client.invokeAsync(address(server), RemotingCommand.request(ECHO).putExtField("x", "2"),
                3000).get(10, TimeUnit.SECONDS);
        assertThat(async.extField("x")).isEqualTo("2");

        client.invokeOneway(address(server), RemotingCommand.request(RequestCode.HEART_BEAT), 3000);
        assertThat(onewaySeen.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void answersInTheEncodingOfTheRequest() throws Exception {
        NettyRemotingServer server = server();
        NettyRemotingClient client = client();
        RemotingCommand response = client.invokeSync(address(server), RemotingCommand.request(ECHO)
                .putExtField("x", "binary").serializeType(SerializeType.ROCKETMQ), 3000);
        assertThat(response.serializeType()).isEqualTo(SerializeType.ROCKETMQ);
        assertThat(response.extField("x")).isEqualTo("binary");
    }

    @Test
    void answersUnknownCodesWithRequestCodeNotSupported() throws Exception {
        NettyRemotingServer server = server();
        RemotingCommand response = client().invokeSync(address(server), RemotingCommand.request(4242), 3000);
        assertThat(response.code()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
        assertThat(response.remark()).isEqualTo(" request type 4242 not supported");
    }

    @Test
    void turnsHeaderAndProcessingFailuresIntoErrorResponses() throws Exception {
        NettyRemotingServer server = server(new NettyServerConfig(), null);
        server.registerProcessor(RequestCode.SEND_MESSAGE_V2, (ctx, request) -> {
            request.readHeader(SendMessageRequestHeaderV2.class);
            return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS, null));
        });
        server.registerProcessor(RequestCode.PULL_MESSAGE, (ctx, request) -> {
            throw new IllegalStateException("store is gone");
        });
        server.registerProcessor(RequestCode.QUERY_MESSAGE, (ctx, request) ->
                CompletableFuture.failedFuture(new RequestRejectedException(ResponseCode.QUERY_NOT_FOUND, "nothing")));
        server.start();
        NettyRemotingClient client = client();

        RemotingCommand missing = client.invokeSync(address(server),
                RemotingCommand.request(RequestCode.SEND_MESSAGE_V2).putExtField("a", "pg"), 3000);
        assertThat(missing.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(missing.remark()).isEqualTo("the custom field <b> is null");

        RemotingCommand failed = client.invokeSync(address(server), RemotingCommand.request(RequestCode.PULL_MESSAGE), 3000);
        assertThat(failed.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(failed.remark()).contains("store is gone");

        RemotingCommand rejected = client.invokeSync(address(server), RemotingCommand.request(RequestCode.QUERY_MESSAGE), 3000);
        assertThat(rejected.code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
        assertThat(rejected.remark()).isEqualTo("nothing");

        assertThat(client.invokeSync(address(server), RemotingCommand.request(ECHO), 3000).code())
                .as("the connection survives processing failures").isEqualTo(ResponseCode.SUCCESS);
    }

    @Test
    void answersSystemBusyWhenTheProcessorQueueIsFull() throws Exception {
        NettyRemotingServer server = server(new NettyServerConfig(), null);
        ThreadPoolExecutor tiny = ProcessingExecutors.bounded("tiny", 1, 1);
        closeables.add(tiny::shutdownNow);
        server.registerProcessor(BLOCKING, (ctx, request) -> {
            release.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS, null));
        }, tiny);
        server.start();
        NettyRemotingClient client = client();

        List<CompletableFuture<RemotingCommand>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(client.invokeAsync(address(server), RemotingCommand.request(BLOCKING), 10_000));
        }
        await().atMost(DEADLINE).until(() -> calls.stream().filter(CompletableFuture::isDone).count() >= 2);
        release.countDown();
        List<Integer> codes = new ArrayList<>();
        List<String> remarks = new ArrayList<>();
        for (CompletableFuture<RemotingCommand> call : calls) {
            RemotingCommand response = call.get(10, TimeUnit.SECONDS);
            codes.add(response.code());
            remarks.add(response.remark());
        }
        assertThat(codes).containsOnly(ResponseCode.SUCCESS, ResponseCode.SYSTEM_BUSY)
                .filteredOn(code -> code == ResponseCode.SYSTEM_BUSY).hasSize(2);
        assertThat(remarks).contains("[OVERLOAD]system busy, start flow control for a while");
    }

    @Test
    void answersSystemBusyWhileAProcessorRejectsRequests() throws Exception {
        NettyRemotingServer server = server(new NettyServerConfig(), null);
        server.registerProcessor(RequestCode.SEND_MESSAGE, new RequestProcessor() {
            @Override
            public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request) {
                return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS, null));
            }

            @Override
            public boolean rejectsRequests() {
                return true;
            }
        });
        server.start();
        RemotingCommand response = client().invokeSync(address(server), RemotingCommand.request(RequestCode.SEND_MESSAGE), 3000);
        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_BUSY);
        assertThat(response.remark()).startsWith("[REJECTREQUEST]");
    }

    @Test
    void runsRpcHooksAroundRequestsAndLetsThemRefuse() throws Exception {
        NettyRemotingServer server = server(new NettyServerConfig(), null);
        List<String> seen = new CopyOnWriteArrayList<>();
        server.addRpcHook(new RpcHook() {
            @Override
            public void beforeRequest(String remoteAddress, RemotingCommand request) throws RequestRejectedException {
                seen.add("before " + request.code() + " from " + remoteAddress.startsWith("127.0.0.1:"));
                if ("mallory".equals(request.extField("AccessKey"))) {
                    throw new RequestRejectedException(ResponseCode.NO_PERMISSION, "mallory may not do that");
                }
            }

            @Override
            public void afterResponse(String remoteAddress, RemotingCommand request, RemotingCommand response) {
                seen.add("after " + request.code() + " -> " + response.code());
            }
        });
        server.start();
        NettyRemotingClient client = client();
        client.addRpcHook((address, request) -> request.putExtField("signedBy", "client-hook"));

        RemotingCommand allowed = client.invokeSync(address(server), RemotingCommand.request(ECHO).putExtField("x", "ok"), 3000);
        assertThat(allowed.code()).isEqualTo(ResponseCode.SUCCESS);
        RemotingCommand denied = client.invokeSync(address(server),
                RemotingCommand.request(ECHO).putExtField("AccessKey", "mallory"), 3000);
        assertThat(denied.code()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(denied.remark()).isEqualTo("mallory may not do that");
        await().atMost(DEADLINE).until(() -> seen.size() == 4);
        assertThat(seen).containsExactly("before 1000 from true", "after 1000 -> 0", "before 1000 from true", "after 1000 -> 16");
    }

    @Test
    void timesOutCallsThatGetNoAnswerAndForgetsThem() throws Exception {
        NettyRemotingServer server = server();
        NettyRemotingClient client = client(new NettyClientConfig().clientCloseSocketIfTimeout(false));
        assertThatThrownBy(() -> client.invokeSync(address(server), RemotingCommand.request(SILENT), 300))
                .isInstanceOf(RemotingTimeoutException.class);
        CompletableFuture<RemotingCommand> async = client.invokeAsync(address(server), RemotingCommand.request(SILENT), 300);
        assertThatThrownBy(() -> async.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RemotingTimeoutException.class);
        await().atMost(DEADLINE).until(() -> client.pendingCalls() == 0);
        assertThat(client.invokeSync(address(server), RemotingCommand.request(ECHO), 3000).code()).isZero();
    }

    @Test
    void endsASyncCallAtOnceWhenItsConnectionClosesOrItsCallerIsInterrupted() throws Exception {
        NettyRemotingServer server = server();
        NettyRemotingClient client = client();
        AtomicReference<Throwable> closed = new AtomicReference<>();
        Thread first = new Thread(() -> closed.set(catchFailure(() ->
                client.invokeSync(address(server), RemotingCommand.request(BLOCKING), 60_000))));
        first.start();
        await().atMost(DEADLINE).until(() -> client.pendingCalls() == 1);
        client.closeConnection(address(server));
        first.join(DEADLINE.toMillis());
        assertThat(closed.get()).as("failed by the close, not by its 60 s timeout")
                .isInstanceOf(RemotingConnectException.class);

        AtomicReference<Throwable> interrupted = new AtomicReference<>();
        Thread second = new Thread(() -> interrupted.set(catchFailure(() ->
                client.invokeSync(address(server), RemotingCommand.request(BLOCKING), 60_000))));
        second.start();
        await().atMost(DEADLINE).until(() -> client.pendingCalls() == 1);
        second.interrupt();
        second.join(DEADLINE.toMillis());
        assertThat(interrupted.get()).isInstanceOf(InterruptedException.class);
        assertThat(client.pendingCalls()).as("the interrupted call is forgotten").isZero();
    }

    @Test
    void givesEachOfManySyncCallersItsOwnResponse() throws Exception {
        NettyRemotingServer server = server();
        NettyRemotingClient client = client();
        List<Thread> callers = new ArrayList<>();
        List<String> mismatches = new CopyOnWriteArrayList<>();
        AtomicInteger answered = new AtomicInteger();
        for (int t = 0; t < 8; t++) {
            int caller = t;
            callers.add(new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    String mine = caller + "/" + i;
                    try {
                        RemotingCommand response = client.invokeSync(address(server),
                                RemotingCommand.request(ECHO).putExtField("x", mine), 10_000);
                        if (!mine.equals(response.extField("x"))) {
                            mismatches.add(mine + " got " + response.extField("x"));
                        }
                        answered.incrementAndGet();
                    } catch (Exception e) {
                        mismatches.add(mine + " failed: " + e);
                    }
                }
            }));
        }
        callers.forEach(Thread::start);
        for (Thread caller : callers) {
            caller.join(DEADLINE.toMillis() * 3);
        }
        assertThat(mismatches).isEmpty();
        assertThat(answered.get()).isEqualTo(8 * 200);
        assertThat(client.pendingCalls()).isZero();
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static Throwable catchFailure(Call call) {
        try {
            call.run();
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    @Test
    void boundsAsynchronousCallsInFlight() throws Exception {
        NettyRemotingServer server = server();
        NettyRemotingClient client = client(new NettyClientConfig().clientAsyncSemaphoreValue(1));
        CompletableFuture<RemotingCommand> first = client.invokeAsync(address(server), RemotingCommand.request(BLOCKING), 10_000);
        CompletableFuture<RemotingCommand> second = client.invokeAsync(address(server), RemotingCommand.request(ECHO), 100);
        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(RemotingTooMuchRequestException.class);
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).code()).isZero();
        assertThat(client.invokeAsync(address(server), RemotingCommand.request(ECHO), 3000).get(10, TimeUnit.SECONDS).code())
                .as("the permit came back").isZero();
    }

    @Test
    void reportsConnectionEventsAndReconnectsOnDemand() throws Exception {
        AtomicReference<Channel> serverSide = new AtomicReference<>();
        AtomicInteger closes = new AtomicInteger();
        NettyRemotingServer server = server(new NettyServerConfig(), new ConnectionListener() {
            @Override
            public void onConnect(String remoteAddress, Channel channel) {
                serverSide.set(channel);
            }

            @Override
            public void onClose(String remoteAddress, Channel channel) {
                closes.incrementAndGet();
            }
        });
        server.start();
        NettyRemotingClient client = client();
        assertThat(client.invokeSync(address(server), RemotingCommand.request(ECHO), 3000).code()).isZero();
        await().atMost(DEADLINE).until(() -> serverSide.get() != null);
        Channel first = serverSide.get();

        CompletableFuture<RemotingCommand> waiting = client.invokeAsync(address(server), RemotingCommand.request(SILENT), 60_000);
        assertThat(silentSeen.tryAcquire(10, TimeUnit.SECONDS)).as("the request reached the server").isTrue();
        first.close();
        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS))
                .as("a call waiting on a closed connection fails at once, not at its timeout")
                .hasCauseInstanceOf(RemotingConnectException.class);
        await().atMost(DEADLINE).until(() -> closes.get() == 1 && !client.isConnected(address(server)));

        assertThat(client.invokeSync(address(server), RemotingCommand.request(ECHO), 3000).code()).isZero();
        assertThat(serverSide.get()).isNotSameAs(first);
    }

    @Test
    void closesIdleConnections() throws Exception {
        AtomicInteger idles = new AtomicInteger();
        NettyRemotingServer server = server(new NettyServerConfig().serverChannelMaxIdleTimeSeconds(1), new ConnectionListener() {
            @Override
            public void onIdle(String remoteAddress, Channel channel) {
                idles.incrementAndGet();
            }
        });
        server.start();
        NettyRemotingClient client = client();
        client.invokeSync(address(server), RemotingCommand.request(ECHO), 3000);
        await().atMost(DEADLINE).until(() -> !client.isConnected(address(server)));
        assertThat(idles.get()).isEqualTo(1);
    }

    @Test
    void letsTheServerCallItsClients() throws Exception {
        AtomicReference<Channel> serverSide = new AtomicReference<>();
        NettyRemotingServer server = server(new NettyServerConfig(), new ConnectionListener() {
            @Override
            public void onConnect(String remoteAddress, Channel channel) {
                serverSide.set(channel);
            }
        });
        server.start();
        NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig());
        client.registerProcessor(RequestCode.CHECK_TRANSACTION_STATE, (ctx, request) -> CompletableFuture.completedFuture(
                RemotingCommand.response(ResponseCode.SUCCESS, "checked " + request.extField("tx"))), null);
        client.start();
        closeables.add(client);
        client.invokeSync(address(server), RemotingCommand.request(ECHO), 3000);
        await().atMost(DEADLINE).until(() -> serverSide.get() != null);

        RemotingCommand answer = server.invokeSync(serverSide.get(),
                RemotingCommand.request(RequestCode.CHECK_TRANSACTION_STATE).putExtField("tx", "42"), 3000);
        assertThat(answer.remark()).isEqualTo("checked 42");
    }

    @Test
    void refusesToCallAnAddressThatIsNotOne() throws Exception {
        NettyRemotingClient client = client();
        assertThatThrownBy(() -> client.invokeSync("no-port", RemotingCommand.request(ECHO), 1000))
                .isInstanceOf(RemotingConnectException.class);
    }
}
