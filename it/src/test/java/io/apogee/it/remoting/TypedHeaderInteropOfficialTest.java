package io.apogee.it.remoting;

import static io.apogee.it.remoting.OfficialCommands.decodeOfficial;
import static io.apogee.it.remoting.OfficialCommands.decodeOurs;
import static io.apogee.it.remoting.OfficialCommands.encodeOfficial;
import static io.apogee.it.remoting.OfficialCommands.encodeOfficialToByteBuffer;
import static io.apogee.it.remoting.OfficialCommands.encodeOurs;
import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.SerializeType;
import io.apogee.remoting.protocol.header.PullMessageResponseHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import java.lang.reflect.Field;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The two high-volume typed headers, {@code SEND_MESSAGE_V2}'s request and {@code PULL_MESSAGE}'s
 * response, written by one side and read as typed headers by the other, in both header encodings. The
 * official side takes its hand-written fast paths here (FastCodesHeader), as it does on the wire.
 */
class TypedHeaderInteropOfficialTest {
    private static final long SEED = Long.getLong("apogee.it.seed", 0x5EED_0002L);
    private static final int HEADERS = 500;

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void sendHeaderV2FromOursReadsWithOfficial(SerializeType type) throws Exception {
        Random random = new Random(SEED + 100 + type.ordinal());
        for (int i = 0; i < HEADERS; i++) {
            SendMessageRequestHeaderV2 ours = randomSendHeader(random, type);
            try {
                RemotingCommand request = RemotingCommand.request(310, ours).serializeType(type);
                org.apache.rocketmq.remoting.protocol.RemotingCommand decoded = decodeOfficial(encodeOurs(request));
                assertSameSendHeader(ours, decoded.decodeCommandCustomHeader(
                        org.apache.rocketmq.remoting.protocol.header.SendMessageRequestHeaderV2.class));
            } catch (Exception | AssertionError e) {
                throw failure(type, i, e);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void sendHeaderV2FromOfficialReadsWithOurs(SerializeType type) throws Exception {
        Random random = new Random(SEED + 110 + type.ordinal());
        for (int i = 0; i < HEADERS; i++) {
            SendMessageRequestHeaderV2 expected = randomSendHeader(random, type);
            try {
                org.apache.rocketmq.remoting.protocol.RemotingCommand request =
                        org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(310,
                                toOfficial(expected));
                request.setSerializeTypeCurrentRPC(officialType(type));
                for (byte[] frame : new byte[][] {encodeOfficial(request), encodeOfficialToByteBuffer(request)}) {
                    SendMessageRequestHeaderV2 decoded = decodeOurs(frame).readHeader(SendMessageRequestHeaderV2.class);
                    assertSameSendHeader(decoded, toOfficial(expected));
                }
            } catch (Exception | AssertionError e) {
                throw failure(type, i, e);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void pullResponseHeaderFromOursReadsWithOfficial(SerializeType type) throws Exception {
        Random random = new Random(SEED + 120 + type.ordinal());
        for (int i = 0; i < HEADERS; i++) {
            PullMessageResponseHeader ours = randomPullHeader(random);
            try {
                RemotingCommand response = RemotingCommand.response(random.nextInt(30), null).opaque(i)
                        .writeHeader(ours).serializeType(type);
                org.apache.rocketmq.remoting.protocol.RemotingCommand decoded = decodeOfficial(encodeOurs(response));
                assertThat(decoded.isResponseType()).isTrue();
                assertSamePullHeader(ours, decoded.decodeCommandCustomHeader(
                        org.apache.rocketmq.remoting.protocol.header.PullMessageResponseHeader.class));
            } catch (Exception | AssertionError e) {
                throw failure(type, i, e);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void pullResponseHeaderFromOfficialReadsWithOurs(SerializeType type) throws Exception {
        Random random = new Random(SEED + 130 + type.ordinal());
        for (int i = 0; i < HEADERS; i++) {
            PullMessageResponseHeader expected = randomPullHeader(random);
            try {
                org.apache.rocketmq.remoting.protocol.RemotingCommand response =
                        org.apache.rocketmq.remoting.protocol.RemotingCommand.createResponseCommand(
                                org.apache.rocketmq.remoting.protocol.header.PullMessageResponseHeader.class);
                var official = (org.apache.rocketmq.remoting.protocol.header.PullMessageResponseHeader)
                        response.readCustomHeader();
                official.setSuggestWhichBrokerId(expected.suggestWhichBrokerId());
                official.setNextBeginOffset(expected.nextBeginOffset());
                official.setMinOffset(expected.minOffset());
                official.setMaxOffset(expected.maxOffset());
                official.setOffsetDelta(expected.offsetDelta());
                official.setTopicSysFlag(expected.topicSysFlag());
                official.setGroupSysFlag(expected.groupSysFlag());
                official.setForbiddenType(expected.forbiddenType());
                response.setCode(0);
                response.setSerializeTypeCurrentRPC(officialType(type));
                for (byte[] frame : new byte[][] {encodeOfficial(response), encodeOfficialToByteBuffer(response)}) {
                    RemotingCommand decoded = decodeOurs(frame);
                    assertThat(decoded.isResponse()).isTrue();
                    assertSamePullHeader(decoded.readHeader(PullMessageResponseHeader.class), official);
                }
            } catch (Exception | AssertionError e) {
                throw failure(type, i, e);
            }
        }
    }

    private static SendMessageRequestHeaderV2 randomSendHeader(Random random, SerializeType type) {
        RandomCommands text = new RandomCommands(random, type);
        return new SendMessageRequestHeaderV2()
                .producerGroup("PG_" + text.text(1 + random.nextInt(20)))
                .topic("Topic" + random.nextInt(100))
                .defaultTopic("TBW102")
                .defaultTopicQueueNums(random.nextInt(64))
                .queueId(random.nextInt(32) - 1)
                .sysFlag(random.nextInt())
                .bornTimestamp(random.nextLong())
                .flag(random.nextInt())
                .properties(random.nextInt(5) == 0 ? null
                        : "UNIQ_KEY\u0001" + Long.toHexString(random.nextLong()) + "\u0002WAIT\u0001true\u0002KEYS\u0001"
                                + text.text(1 + random.nextInt(30)) + "\u0002")
                .reconsumeTimes(random.nextBoolean() ? null : random.nextInt(17))
                .unitMode(random.nextInt(3) == 0 ? null : random.nextBoolean())
                .maxReconsumeTimes(random.nextBoolean() ? null : random.nextInt(17) - 1)
                .batch(random.nextInt(3) == 0 ? null : random.nextBoolean())
                .brokerName(random.nextBoolean() ? null : "broker-" + text.text(1 + random.nextInt(8)));
    }

    private static PullMessageResponseHeader randomPullHeader(Random random) {
        return new PullMessageResponseHeader()
                .suggestWhichBrokerId(random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(3))
                .nextBeginOffset(random.nextLong())
                .minOffset(random.nextBoolean() ? 0L : random.nextLong())
                .maxOffset(random.nextBoolean() ? Long.MAX_VALUE : random.nextLong())
                .offsetDelta(random.nextBoolean() ? null : random.nextLong())
                .topicSysFlag(random.nextBoolean() ? null : random.nextInt())
                .groupSysFlag(random.nextBoolean() ? null : random.nextInt())
                .forbiddenType(random.nextBoolean() ? null : random.nextInt(5));
    }

    private static org.apache.rocketmq.remoting.protocol.header.SendMessageRequestHeaderV2 toOfficial(
            SendMessageRequestHeaderV2 ours) throws ReflectiveOperationException {
        var official = new org.apache.rocketmq.remoting.protocol.header.SendMessageRequestHeaderV2();
        official.setA(ours.producerGroup());
        official.setB(ours.topic());
        official.setC(ours.defaultTopic());
        official.setD(ours.defaultTopicQueueNums());
        official.setE(ours.queueId());
        official.setF(ours.sysFlag());
        official.setG(ours.bornTimestamp());
        official.setH(ours.flag());
        official.setI(ours.properties());
        official.setJ(ours.reconsumeTimes());
        official.setK(ours.unitMode());
        official.setL(ours.maxReconsumeTimes());
        official.setM(ours.batch());
        brokerNameField().set(official, ours.brokerName());
        return official;
    }

    private static void assertSameSendHeader(SendMessageRequestHeaderV2 ours,
            org.apache.rocketmq.remoting.protocol.header.SendMessageRequestHeaderV2 official)
            throws ReflectiveOperationException {
        assertThat(official.getA()).as("a producerGroup").isEqualTo(ours.producerGroup());
        assertThat(official.getB()).as("b topic").isEqualTo(ours.topic());
        assertThat(official.getC()).as("c defaultTopic").isEqualTo(ours.defaultTopic());
        assertThat(official.getD()).as("d defaultTopicQueueNums").isEqualTo(ours.defaultTopicQueueNums());
        assertThat(official.getE()).as("e queueId").isEqualTo(ours.queueId());
        assertThat(official.getF()).as("f sysFlag").isEqualTo(ours.sysFlag());
        assertThat(official.getG()).as("g bornTimestamp").isEqualTo(ours.bornTimestamp());
        assertThat(official.getH()).as("h flag").isEqualTo(ours.flag());
        assertThat(official.getI()).as("i properties").isEqualTo(ours.properties());
        assertThat(official.getJ()).as("j reconsumeTimes").isEqualTo(ours.reconsumeTimes());
        assertThat(official.isK()).as("k unitMode").isEqualTo(ours.unitMode());
        assertThat(official.getL()).as("l maxReconsumeTimes").isEqualTo(ours.maxReconsumeTimes());
        assertThat(official.isM()).as("m batch").isEqualTo(ours.batch());
        assertThat(brokerNameField().get(official)).as("n brokerName").isEqualTo(ours.brokerName());
    }

    private static void assertSamePullHeader(PullMessageResponseHeader ours,
            org.apache.rocketmq.remoting.protocol.header.PullMessageResponseHeader official) {
        assertThat(official.getSuggestWhichBrokerId()).as("suggestWhichBrokerId").isEqualTo(ours.suggestWhichBrokerId());
        assertThat(official.getNextBeginOffset()).as("nextBeginOffset").isEqualTo(ours.nextBeginOffset());
        assertThat(official.getMinOffset()).as("minOffset").isEqualTo(ours.minOffset());
        assertThat(official.getMaxOffset()).as("maxOffset").isEqualTo(ours.maxOffset());
        assertThat(official.getOffsetDelta()).as("offsetDelta").isEqualTo(ours.offsetDelta());
        assertThat(official.getTopicSysFlag()).as("topicSysFlag").isEqualTo(ours.topicSysFlag());
        assertThat(official.getGroupSysFlag()).as("groupSysFlag").isEqualTo(ours.groupSysFlag());
        assertThat(official.getForbiddenType()).as("forbiddenType").isEqualTo(ours.forbiddenType());
    }

    /** The official V2 header has no accessor for {@code n} (broker name); it is read and set directly. */
    private static Field brokerNameField() throws NoSuchFieldException {
        Field field = org.apache.rocketmq.remoting.protocol.header.SendMessageRequestHeaderV2.class.getDeclaredField("n");
        field.setAccessible(true);
        return field;
    }

    private static org.apache.rocketmq.remoting.protocol.SerializeType officialType(SerializeType type) {
        return org.apache.rocketmq.remoting.protocol.SerializeType.valueOf(type.name());
    }

    private static AssertionError failure(SerializeType type, int index, Throwable cause) {
        return new AssertionError("seed=" + SEED + " (-Dapogee.it.seed), " + type + " header #" + index + ": "
                + cause.getMessage(), cause);
    }
}
