package io.apogee.it.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.SerializeType;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.rocketmq.remoting.netty.NettyRemotingServer;
import org.apache.rocketmq.remoting.netty.NettyRequestProcessor;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Our client calls the official 5.3.3 remoting server, and the official server calls our client back on
 * the same connection. The official server runs with its defaults (TLS permissive, JSON answers).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficialServerInteropOfficialTest {
    static final int ECHO = 9001;
    static final int RECORD = 9002;
    static final int CLIENT_SIDE = 9003;
    static final int UNKNOWN = 9999;
    static final long TIMEOUT_MILLIS = 10_000;

    private final LinkedBlockingQueue<org.apache.rocketmq.remoting.protocol.RemotingCommand> recorded =
            new LinkedBlockingQueue<>();
    private final AtomicReference<Channel> lastChannel = new AtomicReference<>();
    private NettyRemotingServer server;
    private NettyRemotingClient client;
    private ExecutorService serverExecutor;
    private String address;

    @BeforeAll
    void start() throws Exception {
        serverExecutor = Executors.newFixedThreadPool(4);
        NettyServerConfig config = new NettyServerConfig();
        config.setBindAddress("127.0.0.1");
        config.setListenPort(0);
        server = new NettyRemotingServer(config);
        server.registerProcessor(ECHO, processor((ctx, request) -> {
            lastChannel.set(ctx.channel());
            HashMap<String, String> fields = request.getExtFields() == null ? new HashMap<>()
                    : new HashMap<>(request.getExtFields());
            fields.put("seenLanguage", request.getLanguage().name());
            fields.put("seenVersion", Integer.toString(request.getVersion()));
            fields.put("seenFlag", Integer.toString(request.getFlag()));
            fields.put("seenSerializeType", request.getSerializeTypeCurrentRPC().name());
            var response = org.apache.rocketmq.remoting.protocol.RemotingCommand.createResponseCommand(0,
                    "echo " + request.getRemark());
            response.setExtFields(fields);
            response.setBody(request.getBody());
            return response;
        }), serverExecutor);
        server.registerProcessor(RECORD, processor((ctx, request) -> {
            recorded.add(request);
            return null;
        }), serverExecutor);
        server.start();
        address = "127.0.0.1:" + server.localListenPort();

        client = new NettyRemotingClient(new NettyClientConfig());
        client.registerProcessor(CLIENT_SIDE, (context, request) -> CompletableFuture.completedFuture(
                RemotingCommand.response(ResponseCode.SUCCESS, "pong " + request.extField("ping"))
                        .body(request.body())), null);
        client.start();
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.shutdown();
        }
        if (server != null) {
            server.shutdown();
        }
        if (serverExecutor != null) {
            serverExecutor.shutdownNow();
        }
    }

    @BeforeEach
    void clear() {
        recorded.clear();
    }

    interface Handler {
        org.apache.rocketmq.remoting.protocol.RemotingCommand handle(ChannelHandlerContext ctx,
                org.apache.rocketmq.remoting.protocol.RemotingCommand request) throws Exception;
    }

    static NettyRequestProcessor processor(Handler handler) {
        return new NettyRequestProcessor() {
            @Override
            public org.apache.rocketmq.remoting.protocol.RemotingCommand processRequest(ChannelHandlerContext ctx,
                    org.apache.rocketmq.remoting.protocol.RemotingCommand request) throws Exception {
                return handler.handle(ctx, request);
            }

            @Override
            public boolean rejectRequest() {
                return false;
            }
        };
    }

    static RemotingCommand ourRequest(int code, String remark, byte[] body) {
        return RemotingCommand.request(code)
                .putExtField("topic", "TopicA")
                .putExtField("ключ", "值 😀 \u0001\u0002")
                .remark(remark)
                .body(body);
    }

    @Test
    void syncCallIsAnswered() throws Exception {
        RemotingCommand request = ourRequest(ECHO, "sync", "hello".getBytes());
        RemotingCommand response = client.invokeSync(address, request, TIMEOUT_MILLIS);

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.isResponse()).isTrue();
        assertThat(response.isOneway()).isFalse();
        assertThat(response.opaque()).isEqualTo(request.opaque());
        assertThat(response.remark()).isEqualTo("echo sync");
        assertThat(response.serializeType()).isEqualTo(SerializeType.JSON);
        assertThat(response.extFields())
                .containsEntry("topic", "TopicA")
                .containsEntry("ключ", "值 😀 \u0001\u0002")
                .containsEntry("seenLanguage", "JAVA")
                .containsEntry("seenVersion", "479")
                .containsEntry("seenFlag", "0")
                .containsEntry("seenSerializeType", "JSON");
        assertThat(response.body()).isEqualTo("hello".getBytes());
    }

    @Test
    void asyncCallsComplete() throws Exception {
        int calls = 200;
        List<CompletableFuture<RemotingCommand>> futures = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            futures.add(client.invokeAsync(address, ourRequest(ECHO, "async-" + i, ("body-" + i).getBytes()),
                    TIMEOUT_MILLIS));
        }
        for (int i = 0; i < calls; i++) {
            RemotingCommand response = futures.get(i).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(response.remark()).isEqualTo("echo async-" + i);
            assertThat(response.body()).isEqualTo(("body-" + i).getBytes());
        }
    }

    @Test
    void onewayRequestReachesTheServer() throws Exception {
        RemotingCommand request = ourRequest(RECORD, "oneway", new byte[] {1, 2, 3});
        client.invokeOneway(address, request, TIMEOUT_MILLIS);

        await().atMost(Duration.ofSeconds(10)).until(() -> !recorded.isEmpty());
        var seen = recorded.poll();
        assertThat(seen.isOnewayRPC()).isTrue();
        assertThat(seen.isResponseType()).isFalse();
        assertThat(seen.getOpaque()).isEqualTo(request.opaque());
        assertThat(seen.getRemark()).isEqualTo("oneway");
        assertThat(seen.getExtFields()).containsEntry("ключ", "值 😀 \u0001\u0002");
        assertThat(seen.getBody()).containsExactly(1, 2, 3);
    }

    @Test
    void fourMebibyteBodyIsEchoedIntact() throws Exception {
        byte[] body = new byte[4 * 1024 * 1024];
        new Random(43).nextBytes(body);
        RemotingCommand response = client.invokeSync(address, ourRequest(ECHO, "big", body), TIMEOUT_MILLIS);

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.body()).isNotNull();
        assertThat(response.body().length).isEqualTo(body.length);
        assertThat(Arrays.equals(response.body(), body)).as("4 MiB body intact").isTrue();
    }

    /** The official server answers in its own serialize type (JSON), not in the request's: 01 §5.1. */
    @Test
    void binaryRequestIsUnderstoodAndAnsweredInJson() throws Exception {
        RemotingCommand request = ourRequest(ECHO, "binary", "b".getBytes()).serializeType(SerializeType.ROCKETMQ);
        RemotingCommand response = client.invokeSync(address, request, TIMEOUT_MILLIS);

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.remark()).isEqualTo("echo binary");
        assertThat(response.extFields())
                .containsEntry("ключ", "值 😀 \u0001\u0002")
                .containsEntry("seenSerializeType", "ROCKETMQ");
        assertThat(response.serializeType()).isEqualTo(SerializeType.JSON);
        assertThat(response.body()).isEqualTo("b".getBytes());
    }

    /** Confirms the remark our server copies: 01 §8. */
    @Test
    void unknownCodeIsAnsweredRequestCodeNotSupported() throws Exception {
        RemotingCommand request = ourRequest(UNKNOWN, null, null);
        RemotingCommand response = client.invokeSync(address, request, TIMEOUT_MILLIS);

        assertThat(response.code()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
        assertThat(response.remark()).isEqualTo(" request type " + UNKNOWN + " not supported");
        assertThat(response.opaque()).isEqualTo(request.opaque());
    }

    @Test
    void officialServerCallsOurClientBack() throws Exception {
        client.invokeSync(address, ourRequest(ECHO, "hello", null), TIMEOUT_MILLIS);
        Channel channel = lastChannel.get();
        assertThat(channel).isNotNull();

        var call = org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(CLIENT_SIDE, null);
        call.addExtField("ping", "42");
        call.setBody(new byte[] {7});
        var answer = server.invokeSync(channel, call, TIMEOUT_MILLIS);
        assertThat(answer.getCode()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(answer.getRemark()).isEqualTo("pong 42");
        assertThat(answer.getOpaque()).isEqualTo(call.getOpaque());
        assertThat(answer.getBody()).containsExactly(7);

        var binaryCall = org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(CLIENT_SIDE, null);
        binaryCall.addExtField("ping", "43");
        binaryCall.setSerializeTypeCurrentRPC(org.apache.rocketmq.remoting.protocol.SerializeType.ROCKETMQ);
        var binaryAnswer = server.invokeSync(channel, binaryCall, TIMEOUT_MILLIS);
        assertThat(binaryAnswer.getRemark()).isEqualTo("pong 43");
        assertThat(binaryAnswer.getSerializeTypeCurrentRPC())
                .isEqualTo(org.apache.rocketmq.remoting.protocol.SerializeType.ROCKETMQ);

        // Our client answers a code it has no processor for like the official peers do.
        var unknown = org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(UNKNOWN, null);
        var unknownAnswer = server.invokeSync(channel, unknown, TIMEOUT_MILLIS);
        assertThat(unknownAnswer.getCode()).isEqualTo(3);
        assertThat(unknownAnswer.getRemark()).isEqualTo(" request type " + UNKNOWN + " not supported");
    }
}
