package io.apogee.bench;

import io.apogee.remoting.protocol.CommandCodec;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.SerializeType;
import io.apogee.remoting.protocol.header.PullMessageResponseHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Frame encode and decode, ours against the official 5.3.3 codec, for the two hottest commands: a
 * {@code SEND_MESSAGE_V2} request as the official producer sends it (1 KiB body) and a {@code PULL_MESSAGE}
 * response header (remark {@code FOUND}, no body, so the header cost is all there is).
 *
 * <p><b>Encode</b>: typed header object in, whole frame (length field included) out, as the channel
 * pipeline produces it. Ours: {@code RemotingCommand.request/response} + {@code writeHeader} +
 * {@link CommandCodec#encode}. Official: {@code createRequestCommand}/{@code createResponseCommandWithHeader}
 * + what its {@code NettyEncoder} does ({@code MessageToByteEncoder}: an {@code ioBuffer()} from the
 * channel allocator, {@code fastEncodeHeader}, then the body).
 *
 * <p><b>Decode</b>: frame bytes with the length field stripped (what the frame decoder hands on) in, command
 * and typed header out. Ours: {@link CommandCodec#decode} + {@code readHeader}. Official:
 * {@code RemotingCommand.decode(ByteBuf)} + {@code decodeCommandCustomHeader}. Both sides decode the very
 * same bytes (the frame the official encoder produced, checked in setup to be equal to ours in content).
 *
 * <p>Both sides use Netty's pooled allocator, as both pipelines do by default, and release what they
 * allocate; every result goes to a {@link Blackhole}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

    /** The header encoding: JSON (the default of both) or the binary ROCKETMQ layout. */
    @Param({"JSON", "ROCKETMQ"})
    public String serialize;

    private SerializeType ourType;
    private org.apache.rocketmq.remoting.protocol.SerializeType officialType;

    private SendMessageRequestHeaderV2 ourSendHeader;
    private org.apache.rocketmq.remoting.protocol.header.SendMessageRequestHeaderV2 officialSendHeader;
    private PullMessageResponseHeader ourPullHeader;
    private org.apache.rocketmq.remoting.protocol.header.PullMessageResponseHeader officialPullHeader;

    /** Frames with the length field stripped, in pooled direct memory like the frame decoder's output. */
    private ByteBuf sendFrame;
    private ByteBuf pullFrame;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Inputs.alignOfficialVersion();
        ourType = SerializeType.valueOf(serialize);
        officialType = org.apache.rocketmq.remoting.protocol.SerializeType.valueOf(serialize);

        ourSendHeader = new SendMessageRequestHeaderV2()
                .producerGroup(Inputs.PRODUCER_GROUP)
                .topic(Inputs.TOPIC)
                .defaultTopic(Inputs.DEFAULT_TOPIC)
                .defaultTopicQueueNums(Inputs.DEFAULT_TOPIC_QUEUE_NUMS)
                .queueId(Inputs.QUEUE_ID)
                .sysFlag(0)
                .bornTimestamp(Inputs.BORN_TIMESTAMP)
                .flag(0)
                .properties(Inputs.PROPERTIES)
                .reconsumeTimes(0)
                .unitMode(false)
                .batch(false)
                .brokerName(Inputs.BROKER_NAME);
        // The official producer fills the long-named header and converts it, which is how "n" gets set.
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
        officialSendHeader = org.apache.rocketmq.remoting.protocol.header.SendMessageRequestHeaderV2
                .createSendMessageRequestHeaderV2(v1);

        ourPullHeader = new PullMessageResponseHeader()
                .suggestWhichBrokerId(Inputs.PULL_SUGGEST_BROKER_ID)
                .nextBeginOffset(Inputs.PULL_NEXT_BEGIN_OFFSET)
                .minOffset(Inputs.PULL_MIN_OFFSET)
                .maxOffset(Inputs.PULL_MAX_OFFSET)
                .topicSysFlag(Inputs.PULL_TOPIC_SYS_FLAG)
                .groupSysFlag(Inputs.PULL_GROUP_SYS_FLAG);
        officialPullHeader = new org.apache.rocketmq.remoting.protocol.header.PullMessageResponseHeader();
        officialPullHeader.setSuggestWhichBrokerId(Inputs.PULL_SUGGEST_BROKER_ID);
        officialPullHeader.setNextBeginOffset(Inputs.PULL_NEXT_BEGIN_OFFSET);
        officialPullHeader.setMinOffset(Inputs.PULL_MIN_OFFSET);
        officialPullHeader.setMaxOffset(Inputs.PULL_MAX_OFFSET);
        officialPullHeader.setTopicSysFlag(Inputs.PULL_TOPIC_SYS_FLAG);
        officialPullHeader.setGroupSysFlag(Inputs.PULL_GROUP_SYS_FLAG);

        sendFrame = stripLength(officialEncode(officialSendCommand()));
        pullFrame = stripLength(officialEncode(officialPullCommand()));
        checkSameContent(sendFrame, stripLength(CommandCodec.encode(ourSendCommand(), ALLOC)));
        checkSameContent(pullFrame, stripLength(CommandCodec.encode(ourPullCommand(), ALLOC)));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sendFrame.release();
        pullFrame.release();
    }

    // ---------------------------------------------------------------- SEND_MESSAGE_V2 request

    @Benchmark
    public void sendEncodeApogee(Blackhole bh) {
        ByteBuf frame = CommandCodec.encode(ourSendCommand(), ALLOC);
        bh.consume(frame.readableBytes());
        frame.release();
    }

    @Benchmark
    public void sendEncodeOfficial(Blackhole bh) {
        ByteBuf frame = officialEncode(officialSendCommand());
        bh.consume(frame.readableBytes());
        frame.release();
    }

    @Benchmark
    public void sendDecodeApogee(Blackhole bh) throws Exception {
        sendFrame.readerIndex(0);
        RemotingCommand command = CommandCodec.decode(sendFrame);
        bh.consume(command.readHeader(SendMessageRequestHeaderV2.class));
        bh.consume(command.body());
    }

    @Benchmark
    public void sendDecodeOfficial(Blackhole bh) throws Exception {
        sendFrame.readerIndex(0);
        org.apache.rocketmq.remoting.protocol.RemotingCommand command =
                org.apache.rocketmq.remoting.protocol.RemotingCommand.decode(sendFrame);
        bh.consume(command.decodeCommandCustomHeader(
                org.apache.rocketmq.remoting.protocol.header.SendMessageRequestHeaderV2.class));
        bh.consume(command.getBody());
    }

    // ---------------------------------------------------------------- PULL_MESSAGE response

    @Benchmark
    public void pullEncodeApogee(Blackhole bh) {
        ByteBuf frame = CommandCodec.encode(ourPullCommand(), ALLOC);
        bh.consume(frame.readableBytes());
        frame.release();
    }

    @Benchmark
    public void pullEncodeOfficial(Blackhole bh) {
        ByteBuf frame = officialEncode(officialPullCommand());
        bh.consume(frame.readableBytes());
        frame.release();
    }

    @Benchmark
    public void pullDecodeApogee(Blackhole bh) throws Exception {
        pullFrame.readerIndex(0);
        RemotingCommand command = CommandCodec.decode(pullFrame);
        bh.consume(command.readHeader(PullMessageResponseHeader.class));
        bh.consume(command.remark());
    }

    @Benchmark
    public void pullDecodeOfficial(Blackhole bh) throws Exception {
        pullFrame.readerIndex(0);
        org.apache.rocketmq.remoting.protocol.RemotingCommand command =
                org.apache.rocketmq.remoting.protocol.RemotingCommand.decode(pullFrame);
        bh.consume(command.decodeCommandCustomHeader(
                org.apache.rocketmq.remoting.protocol.header.PullMessageResponseHeader.class));
        bh.consume(command.getRemark());
    }

    // ---------------------------------------------------------------- building commands

    private RemotingCommand ourSendCommand() {
        return RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, ourSendHeader)
                .body(Inputs.SEND_BODY)
                .serializeType(ourType);
    }

    private org.apache.rocketmq.remoting.protocol.RemotingCommand officialSendCommand() {
        org.apache.rocketmq.remoting.protocol.RemotingCommand command = org.apache.rocketmq.remoting.protocol
                .RemotingCommand.createRequestCommand(RequestCode.SEND_MESSAGE_V2, officialSendHeader);
        command.setBody(Inputs.SEND_BODY);
        command.setSerializeTypeCurrentRPC(officialType);
        return command;
    }

    private RemotingCommand ourPullCommand() {
        return RemotingCommand.response(ResponseCode.SUCCESS, Inputs.PULL_REMARK)
                .writeHeader(ourPullHeader)
                .opaque(42)
                .serializeType(ourType);
    }

    private org.apache.rocketmq.remoting.protocol.RemotingCommand officialPullCommand() {
        org.apache.rocketmq.remoting.protocol.RemotingCommand command = org.apache.rocketmq.remoting.protocol
                .RemotingCommand.createResponseCommandWithHeader(ResponseCode.SUCCESS, officialPullHeader);
        command.setRemark(Inputs.PULL_REMARK);
        command.setOpaque(42);
        command.setSerializeTypeCurrentRPC(officialType);
        return command;
    }

    /** What the official NettyEncoder (a MessageToByteEncoder preferring direct buffers) does. */
    private static ByteBuf officialEncode(org.apache.rocketmq.remoting.protocol.RemotingCommand command) {
        ByteBuf out = ALLOC.ioBuffer();
        command.fastEncodeHeader(out);
        byte[] body = command.getBody();
        if (body != null) {
            out.writeBytes(body);
        }
        return out;
    }

    // ---------------------------------------------------------------- fairness checks

    /** A frame without its length field, in a pooled direct buffer; releases {@code frame}. */
    private static ByteBuf stripLength(ByteBuf frame) {
        int length = frame.readInt();
        if (length != frame.readableBytes()) {
            throw new IllegalStateException("length field " + length + " but " + frame.readableBytes() + " bytes");
        }
        ByteBuf copy = ALLOC.directBuffer(length);
        copy.writeBytes(frame);
        frame.release();
        return copy;
    }

    /**
     * Both sides must encode the same command: same code, flag, version, remark, ext fields and body (key
     * order and opaque may differ). Releases {@code ours}.
     */
    private static void checkSameContent(ByteBuf official, ByteBuf ours) throws Exception {
        RemotingCommand a = CommandCodec.decode(official.duplicate());
        RemotingCommand b = CommandCodec.decode(ours.duplicate());
        int sizeDifference = official.readableBytes() - ours.readableBytes();
        ours.release();
        if (a.code() != b.code() || a.flag() != b.flag() || a.version() != b.version()
                || a.serializeType() != b.serializeType() || !Objects.equals(a.remark(), b.remark())
                || !Objects.equals(a.extFields(), b.extFields())
                || !java.util.Arrays.equals(a.body(), b.body())) {
            throw new IllegalStateException("unfair inputs:\n official " + a + " " + a.extFields()
                    + "\n ours     " + b + " " + b.extFields());
        }
        // Opaques may differ by a digit or two in JSON; anything more means different content.
        if (Math.abs(sizeDifference) > 4) {
            throw new IllegalStateException("frames differ in size by " + sizeDifference + " bytes");
        }
    }
}
