package io.apogee.bench;

import io.apogee.acl.AclService;
import io.apogee.acl.AuthConfig;
import io.apogee.acl.metadata.AclInfo;
import io.apogee.acl.metadata.MetadataCodec;
import io.apogee.acl.model.User;
import io.apogee.acl.model.UserStatus;
import io.apogee.acl.model.UserType;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.auth.RequestSignature;
import io.apogee.remoting.protocol.CommandCodec;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The broker's ACL hook in isolation, on the request the security benchmark's traffic is made of: a
 * {@code SEND_MESSAGE_V2} with a 1 KiB body, built and signed by the official 5.3.3 client
 * ({@code AclClientRPCHook}), encoded by the official codec and decoded by ours, as the broker receives it.
 *
 * <ul>
 *   <li>{@code hookSuperUser}: authentication and authorization of the super user (the benchmark's case);
 *   <li>{@code hookNormalUser}: a normal user allowed by a topic policy (the policy walk too);
 *   <li>{@code authorizationOnly}: the same normal user with authentication off (the decision alone);
 *   <li>{@code signatureOnly}: {@link RequestSignature#verify} alone (sorting the fields, the HMAC, the compare);
 *   <li>{@code hmacFloor}: a keyed HMAC-SHA1 over the same signed bytes, prepared in advance: what no
 *       implementation that hashes every request can go below.
 * </ul>
 *
 * <p>The hook does not change the request, so one decoded request serves every call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AclHookBenchmark {
    private static final String REMOTE = "127.0.0.1:52144";
    private static final String ROOT = "rocketmq";
    private static final String ROOT_SECRET = "12345678";
    private static final String NORMAL = "producer-app";
    private static final String NORMAL_SECRET = "producer-secret";

    private RpcHook hook;
    private RpcHook authorizationOnlyHook;
    private RemotingCommand superRequest;
    private RemotingCommand normalRequest;
    private Mac keyedMac;
    private byte[] signedHeader;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Inputs.alignOfficialVersion();
        hook = service(true).serverHook();
        authorizationOnlyHook = service(false).serverHook();
        superRequest = receivedSend(ROOT, ROOT_SECRET);
        normalRequest = receivedSend(NORMAL, NORMAL_SECRET);
        // Every benchmark must pass, or it measures a refusal.
        hook.beforeRequest(REMOTE, superRequest);
        hook.beforeRequest(REMOTE, normalRequest);
        authorizationOnlyHook.beforeRequest(REMOTE, normalRequest);

        keyedMac = Mac.getInstance("HmacSHA1");
        keyedMac.init(new SecretKeySpec(ROOT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        StringBuilder values = new StringBuilder();
        new TreeMap<>(superRequest.extFields()).forEach((key, value) -> {
            if (!key.equals(RequestSignature.SIGNATURE)) {
                values.append(value);
            }
        });
        signedHeader = values.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static AclService service(boolean authentication) throws Exception {
        Path dir = Files.createTempDirectory("acl-hook-bench");
        dir.toFile().deleteOnExit();
        AclService service = new AclService(new AuthConfig(authentication, true, Set.of(), Set.of(),
                new AuthConfig.Credentials(ROOT, ROOT_SECRET), null, "BenchCluster", dir));
        service.start();
        service.metadata().createUser(new User(NORMAL, NORMAL_SECRET, UserType.NORMAL, UserStatus.ENABLE));
        service.metadata().putAcl("User:" + NORMAL, MetadataCodec.policies(new AclInfo("User:" + NORMAL, List.of(
                new AclInfo.PolicyInfo(null, List.of(
                        new AclInfo.PolicyEntryInfo("Group:other-app", List.of("Sub"), null, "Allow"),
                        new AclInfo.PolicyEntryInfo("Topic:Order*", List.of("Pub"), null, "Allow"),
                        new AclInfo.PolicyEntryInfo("Topic:" + Inputs.TOPIC, List.of("Pub", "Sub"), null,
                                "Allow")))))));
        return service;
    }

    /** A send as the official producer signs and encodes it, decoded by our codec. */
    private static RemotingCommand receivedSend(String accessKey, String secretKey) throws Exception {
        org.apache.rocketmq.remoting.protocol.header.SendMessageRequestHeader v1 =
                new org.apache.rocketmq.remoting.protocol.header.SendMessageRequestHeader();
        v1.setProducerGroup(Inputs.PRODUCER_GROUP);
        v1.setTopic(Inputs.TOPIC);
        v1.setDefaultTopic(Inputs.DEFAULT_TOPIC);
        v1.setDefaultTopicQueueNums(Inputs.DEFAULT_TOPIC_QUEUE_NUMS);
        v1.setQueueId(Inputs.QUEUE_ID);
        v1.setSysFlag(0);
        v1.setBornTimestamp(Inputs.BORN_TIMESTAMP);
        v1.setFlag(0);
        v1.setProperties(Inputs.PROPERTIES);
        v1.setReconsumeTimes(0);
        v1.setUnitMode(false);
        v1.setBatch(false);
        v1.setBrokerName(Inputs.BROKER_NAME);
        org.apache.rocketmq.remoting.protocol.RemotingCommand official = org.apache.rocketmq.remoting.protocol
                .RemotingCommand.createRequestCommand(RequestCode.SEND_MESSAGE_V2,
                        org.apache.rocketmq.remoting.protocol.header.SendMessageRequestHeaderV2
                                .createSendMessageRequestHeaderV2(v1));
        official.setBody(Inputs.SEND_BODY);
        new AclClientRPCHook(new SessionCredentials(accessKey, secretKey)).doBeforeRequest(REMOTE, official);
        ByteBuf frame = Unpooled.buffer();
        official.fastEncodeHeader(frame);
        frame.writeBytes(official.getBody());
        frame.readInt(); // the length field, which the frame decoder strips
        RemotingCommand decoded = CommandCodec.decode(frame);
        frame.release();
        return decoded;
    }

    @Benchmark
    public void hookSuperUser() throws Exception {
        hook.beforeRequest(REMOTE, superRequest);
    }

    @Benchmark
    public void hookNormalUser() throws Exception {
        hook.beforeRequest(REMOTE, normalRequest);
    }

    @Benchmark
    public void authorizationOnly() throws Exception {
        authorizationOnlyHook.beforeRequest(REMOTE, normalRequest);
    }

    @Benchmark
    public boolean signatureOnly() {
        Map<String, String> fields = superRequest.extFields();
        return RequestSignature.verify(fields, superRequest.body(), false, ROOT_SECRET,
                fields.get(RequestSignature.SIGNATURE));
    }

    @Benchmark
    public void hmacFloor(Blackhole bh) {
        keyedMac.update(signedHeader);
        bh.consume(keyedMac.doFinal(superRequest.body()));
    }
}
