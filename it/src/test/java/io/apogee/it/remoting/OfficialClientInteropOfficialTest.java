package io.apogee.it.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.remoting.RequestContext;
import io.apogee.remoting.netty.NettyRemotingServer;
import io.apogee.remoting.netty.NettyServerConfig;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.tls.TlsConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.rocketmq.remoting.InvokeCallback;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.netty.NettyRequestProcessor;
import org.apache.rocketmq.remoting.netty.ResponseFuture;
import org.apache.rocketmq.remoting.protocol.LanguageCode;
import org.apache.rocketmq.remoting.protocol.SerializeType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The official 5.3.3 remoting client calls our server, and our server calls it back. One server and one
 * client serve all tests: the official client takes about two seconds to shut down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficialClientInteropOfficialTest {
    static final int ECHO = 9001;
    static final int RECORD = 9002;
    static final int CLIENT_SIDE = 9003;
    static final int UNKNOWN = 9999;
    static final long TIMEOUT_MILLIS = 10_000;

    private final LinkedBlockingQueue<RemotingCommand> recorded = new LinkedBlockingQueue<>();
    private final AtomicReference<Channel> lastChannel = new AtomicReference<>();
    private NettyRemotingServer server;
    private NettyRemotingClient client;
    private ExecutorService clientExecutor;
    private String address;

    @BeforeEach
    void clear() {
        recorded.clear();
    }

    @BeforeAll
    void start() throws Exception {
        Properties tls = new Properties();
        tls.setProperty("tls.server.mode", "disabled");
        server = new NettyRemotingServer(new NettyServerConfig().bindAddress("127.0.0.1").listenPort(0)
                .tls(TlsConfig.from(tls)));
        server.registerProcessor(ECHO, (context, request) -> {
            lastChannel.set(context.channel());
            return CompletableFuture.completedFuture(echo(request));
        });
        server.registerProcessor(RECORD, (RequestContext context, RemotingCommand request) -> {
            recorded.add(request);
            // A oneway request must not be answered even when the processor returns a response.
            return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS, "recorded"));
        });
        server.start();
        address = "127.0.0.1:" + server.port();

        clientExecutor = Executors.newFixedThreadPool(2);
        client = new NettyRemotingClient(new NettyClientConfig());
        client.registerProcessor(CLIENT_SIDE, new NettyRequestProcessor() {
            @Override
            public org.apache.rocketmq.remoting.protocol.RemotingCommand processRequest(ChannelHandlerContext ctx,
                    org.apache.rocketmq.remoting.protocol.RemotingCommand request) {
                var response = org.apache.rocketmq.remoting.protocol.RemotingCommand.createResponseCommand(0,
                        "pong " + request.getExtFields().get("ping"));
                response.setBody(request.getBody());
                return response;
            }

            @Override
            public boolean rejectRequest() {
                return false;
            }
        }, clientExecutor);
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
        if (clientExecutor != null) {
            clientExecutor.shutdownNow();
        }
    }

    /** Echoes the request: remark, ext fields, body, and what the server read of the header. */
    static RemotingCommand echo(RemotingCommand request) {
        Map<String, String> fields = request.extFields() == null ? new HashMap<>() : new HashMap<>(request.extFields());
        fields.put("seenLanguage", request.language().name());
        fields.put("seenVersion", Integer.toString(request.version()));
        fields.put("seenFlag", Integer.toString(request.flag()));
        fields.put("seenSerializeType", request.serializeType().name());
        return RemotingCommand.response(ResponseCode.SUCCESS, "echo " + request.remark())
                .extFields(fields)
                .body(request.body());
    }

    static org.apache.rocketmq.remoting.protocol.RemotingCommand officialRequest(int code, String remark, byte[] body) {
        var request = org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(code, null);
        request.addExtField("topic", "TopicA");
        request.addExtField("ключ", "值 😀 \u0001\u0002");
        request.setRemark(remark);
        request.setBody(body);
        return request;
    }

    @Test
    void syncCallIsAnswered() throws Exception {
        var request = officialRequest(ECHO, "sync", "hello".getBytes());
        var response = client.invokeSync(address, request, TIMEOUT_MILLIS);

        assertThat(response.getCode()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.isResponseType()).isTrue();
        assertThat(response.isOnewayRPC()).isFalse();
        assertThat(response.getOpaque()).isEqualTo(request.getOpaque());
        assertThat(response.getRemark()).isEqualTo("echo sync");
        assertThat(response.getLanguage()).isEqualTo(LanguageCode.JAVA);
        assertThat(response.getVersion()).isEqualTo(479);
        assertThat(response.getSerializeTypeCurrentRPC()).isEqualTo(SerializeType.JSON);
        assertThat(response.getExtFields())
                .containsEntry("topic", "TopicA")
                .containsEntry("ключ", "值 😀 \u0001\u0002")
                .containsEntry("seenLanguage", "JAVA")
                .containsEntry("seenVersion", Integer.toString(request.getVersion()))
                .containsEntry("seenFlag", "0")
                .containsEntry("seenSerializeType", "JSON");
        assertThat(response.getBody()).isEqualTo("hello".getBytes());
    }

    @Test
    void asyncCallsCompleteTheirCallbacks() throws Exception {
        int calls = 200;
        List<CompletableFuture<org.apache.rocketmq.remoting.protocol.RemotingCommand>> futures = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            var future = new CompletableFuture<org.apache.rocketmq.remoting.protocol.RemotingCommand>();
            var request = officialRequest(ECHO, "async-" + i, ("body-" + i).getBytes());
            client.invokeAsync(address, request, TIMEOUT_MILLIS, new InvokeCallback() {
                @Override
                public void operationComplete(ResponseFuture responseFuture) {
                    if (responseFuture.getResponseCommand() != null) {
                        future.complete(responseFuture.getResponseCommand());
                    }
                }

                @Override
                public void operationSucceed(org.apache.rocketmq.remoting.protocol.RemotingCommand response) {
                    future.complete(response);
                }

                @Override
                public void operationFail(Throwable throwable) {
                    future.completeExceptionally(throwable);
                }
            });
            futures.add(future);
        }
        for (int i = 0; i < calls; i++) {
            var response = futures.get(i).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(response.getCode()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(response.getRemark()).isEqualTo("echo async-" + i);
            assertThat(response.getBody()).isEqualTo(("body-" + i).getBytes());
        }
    }

    @Test
    void onewayRequestReachesTheServer() throws Exception {
        var request = officialRequest(RECORD, "oneway", new byte[] {1, 2, 3});
        client.invokeOneway(address, request, TIMEOUT_MILLIS);

        await().atMost(Duration.ofSeconds(10)).until(() -> !recorded.isEmpty());
        RemotingCommand seen = recorded.poll();
        assertThat(seen.isOneway()).isTrue();
        assertThat(seen.isResponse()).isFalse();
        assertThat(seen.opaque()).isEqualTo(request.getOpaque());
        assertThat(seen.remark()).isEqualTo("oneway");
        assertThat(seen.extFields()).containsEntry("ключ", "值 😀 \u0001\u0002");
        assertThat(seen.body()).containsExactly(1, 2, 3);

        // The connection still serves calls after the unanswered oneway request.
        assertThat(client.invokeSync(address, officialRequest(ECHO, "after", null), TIMEOUT_MILLIS).getRemark())
                .isEqualTo("echo after");
    }

    @Test
    void fourMebibyteBodyIsEchoedIntact() throws Exception {
        byte[] body = new byte[4 * 1024 * 1024];
        new Random(42).nextBytes(body);
        var response = client.invokeSync(address, officialRequest(ECHO, "big", body), TIMEOUT_MILLIS);

        assertThat(response.getCode()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.getBody()).isNotNull();
        assertThat(response.getBody().length).isEqualTo(body.length);
        assertThat(Arrays.equals(response.getBody(), body)).as("4 MiB body intact").isTrue();
    }

    @Test
    void unknownCodeIsAnsweredRequestCodeNotSupported() throws Exception {
        var request = officialRequest(UNKNOWN, null, null);
        var response = client.invokeSync(address, request, TIMEOUT_MILLIS);

        assertThat(response.getCode()).isEqualTo(3);
        assertThat(response.getRemark()).isEqualTo(" request type " + UNKNOWN + " not supported");
        assertThat(response.getOpaque()).isEqualTo(request.getOpaque());
        assertThat(response.isResponseType()).isTrue();
    }

    @Test
    void binaryRequestIsAnsweredInBinary() throws Exception {
        var request = officialRequest(ECHO, "binary", "b".getBytes());
        request.setSerializeTypeCurrentRPC(SerializeType.ROCKETMQ);
        var response = client.invokeSync(address, request, TIMEOUT_MILLIS);

        assertThat(response.getCode()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.getSerializeTypeCurrentRPC()).isEqualTo(SerializeType.ROCKETMQ);
        assertThat(response.getRemark()).isEqualTo("echo binary");
        assertThat(response.getExtFields())
                .containsEntry("ключ", "值 😀 \u0001\u0002")
                .containsEntry("seenSerializeType", "ROCKETMQ");
        assertThat(response.getBody()).isEqualTo("b".getBytes());
    }

    @Test
    void serverCallsTheOfficialClientBack() throws Exception {
        client.invokeSync(address, officialRequest(ECHO, "hello", null), TIMEOUT_MILLIS);
        Channel channel = lastChannel.get();
        assertThat(channel).isNotNull();

        RemotingCommand call = RemotingCommand.request(CLIENT_SIDE).putExtField("ping", "42").body(new byte[] {7});
        RemotingCommand answer = server.invokeSync(channel, call, TIMEOUT_MILLIS);
        assertThat(answer.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(answer.remark()).isEqualTo("pong 42");
        assertThat(answer.opaque()).isEqualTo(call.opaque());
        assertThat(answer.body()).containsExactly(7);

        RemotingCommand async = server.invokeAsync(channel,
                RemotingCommand.request(CLIENT_SIDE).putExtField("ping", "43"), TIMEOUT_MILLIS)
                .get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(async.remark()).isEqualTo("pong 43");

        // A code the official client serves nothing for: it answers REQUEST_CODE_NOT_SUPPORTED too.
        RemotingCommand unknown = server.invokeSync(channel, RemotingCommand.request(UNKNOWN), TIMEOUT_MILLIS);
        assertThat(unknown.code()).isEqualTo(3);
        assertThat(unknown.remark()).isEqualTo(" request type " + UNKNOWN + " not supported");
    }
}
