package io.apogee.remoting.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.protocol.header.CommandHeader;
import io.apogee.remoting.protocol.header.HeaderCodec;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A command built from a typed header is written straight from the header's values; its frame must be
 * byte for byte the frame of the same command built from the ext-field map, in both header encodings.
 */
class TypedHeaderEncodingTest {

    /** Twenty fields, so that present sets of more than twelve make the probe map resize. */
    static final class WideHeader implements CommandHeader {
        String alpha;
        String bravo;
        Integer charlie;
        Long delta;
        Boolean echo;
        String foxtrot;
        String golf;
        Integer hotel;
        String india;
        String juliett;
        String kilo;
        String lima;
        String mike;
        String november;
        String oscar;
        String papa;
        String quebec;
        String romeo;
        String sierra;
        String tango;
    }

    @Test
    void sendHeaderFramesAreTheMapFrames() {
        SendMessageRequestHeaderV2 full = new SendMessageRequestHeaderV2().producerGroup("pg").topic("t1")
                .defaultTopic("TBW102").defaultTopicQueueNums(4).queueId(3).sysFlag(0).bornTimestamp(1795368812210L)
                .flag(0).properties("TAGS\u0001TagA\u0002UNIQ_KEY\u0001AC11\u0002").reconsumeTimes(0).unitMode(false)
                .batch(false).brokerName("broker-\u00e9\ud83d\ude00");
        assertSameFrames(full);
        assertSameFrames(new SendMessageRequestHeaderV2().producerGroup("pg").topic("t").queueId(1));
        assertSameFrames(new SendMessageRequestHeaderV2());
    }

    @Test
    void wideHeaderFramesAreTheMapFramesForEverySizeOfPresentSet() {
        for (int present = 0; present <= 20; present++) {
            WideHeader header = new WideHeader();
            String[] texts = new String[20];
            for (int i = 0; i < present; i++) {
                texts[i] = "v" + i + "\"\\";
            }
            header.alpha = texts[0];
            header.bravo = texts[1];
            header.charlie = present > 2 ? 42 : null;
            header.delta = present > 3 ? (present % 3 == 0 ? Long.MIN_VALUE : -1795368812210L) : null;
            header.echo = present > 4 ? Boolean.TRUE : null;
            header.foxtrot = texts[5];
            header.golf = texts[6];
            header.hotel = present > 7 ? Integer.MIN_VALUE : null;
            header.india = texts[8];
            header.juliett = texts[9];
            header.kilo = texts[10];
            header.lima = texts[11];
            header.mike = texts[12];
            header.november = texts[13];
            header.oscar = texts[14];
            header.papa = texts[15];
            header.quebec = texts[16];
            header.romeo = texts[17];
            header.sierra = texts[18];
            // Reverse-filled too, so that the present set is not always a prefix.
            header.tango = present % 2 == 0 ? "odd-one-out" : null;
            assertSameFrames(header);
        }
    }

    /** Records are read from the record whenever encoded, not copied: the same frames as their maps. */
    @Test
    void recordHeaderFramesAreTheMapFrames() {
        assertSameFrames(new io.apogee.remoting.protocol.header.SendHeaders.SendMessageResponse("m", 3, 1795368812210L,
                "tx\u00e9\"", null, null));
        assertSameFrames(new io.apogee.remoting.protocol.header.SendHeaders.SendMessageResponse(null, null, null,
                null, null, null));
        assertSameFrames(new io.apogee.remoting.protocol.header.SendHeaders.SendMessageRequest("pg", "t", "TBW102", 4,
                Integer.MIN_VALUE, 0, Long.MAX_VALUE, 0, "WAIT\u0001true\u0002", null, false, null, 16, "broker-a"));
        assertSameFrames(new io.apogee.remoting.protocol.header.SendHeaders.ConsumerSendMsgBack(7L, "g", 3, null,
                "t", true, null, "b"));
    }

    /** The V2 send header as a record writes the frames of the class, and decodes into the class. */
    @Test
    void theSendRecordWritesTheFramesOfTheSendClass() throws Exception {
        SendMessageRequestHeaderV2 full = new SendMessageRequestHeaderV2().producerGroup("pg").topic("t")
                .defaultTopic("TBW102").defaultTopicQueueNums(4).queueId(3).sysFlag(0).bornTimestamp(1795368812210L)
                .flag(0).properties("WAIT\u0001true\u0002UNIQ_KEY\u0001AB\u0002").reconsumeTimes(0).unitMode(false)
                .batch(false).brokerName("broker-a");
        io.apogee.remoting.protocol.header.SendHeaders.SendMessageRequestV2 record =
                new io.apogee.remoting.protocol.header.SendHeaders.SendMessageRequestV2("pg", "t", "TBW102", 4, 3, 0,
                        1795368812210L, 0, "WAIT\u0001true\u0002UNIQ_KEY\u0001AB\u0002", 0, false, null, false,
                        "broker-a");
        for (SerializeType type : SerializeType.values()) {
            RemotingCommand fromClass = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, full).serializeType(type);
            RemotingCommand fromRecord = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, record)
                    .serializeType(type).opaque(fromClass.opaque());
            assertThat(frameBytes(fromRecord)).as("%s", type).isEqualTo(frameBytes(fromClass));
        }
        Map<String, String> map = new HashMap<>();
        HeaderCodec.encode(record, map);
        SendMessageRequestHeaderV2 decoded = HeaderCodec.decode(map, SendMessageRequestHeaderV2.class);
        Map<String, String> again = new HashMap<>();
        HeaderCodec.encode(decoded, again);
        assertThat(again).isEqualTo(map).hasSize(13);
    }

    @Test
    void aMutatedMapIsWhatGoesOnTheWire() {
        RemotingCommand typed = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2,
                new SendMessageRequestHeaderV2().producerGroup("pg").topic("t"));
        typed.putExtField("AccessKey", "ak");
        assertThat(typed.extFields()).containsEntry("a", "pg").containsEntry("b", "t").containsEntry("AccessKey", "ak")
                .hasSize(3);
        String json = frameText(typed, SerializeType.JSON);
        assertThat(json).contains("\"AccessKey\":\"ak\"").contains("\"a\":\"pg\"");
    }

    @Test
    void aLaterChangeToTheHeaderObjectDoesNotShow() {
        SendMessageRequestHeaderV2 header = new SendMessageRequestHeaderV2().producerGroup("pg").topic("t");
        RemotingCommand typed = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, header);
        header.topic("changed");
        assertThat(typed.extField("b")).isEqualTo("t");
    }

    private static void assertSameFrames(CommandHeader header) {
        for (SerializeType type : SerializeType.values()) {
            RemotingCommand typed = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, header).serializeType(type);
            Map<String, String> map = new HashMap<>();
            HeaderCodec.encode(header, map);
            RemotingCommand mapped = new RemotingCommand().code(typed.code()).opaque(typed.opaque())
                    .extFields(map).serializeType(type);
            assertThat(frameBytes(typed)).as("%s %s", type, map).isEqualTo(frameBytes(mapped));
            if (type == SerializeType.ROCKETMQ) {
                assertThat(BinaryHeaderCodec.encodedLength(typed)).isEqualTo(BinaryHeaderCodec.encodedLength(mapped));
                assertThat(BinaryHeaderCodec.maxEncodedLength(typed))
                        .isGreaterThanOrEqualTo(BinaryHeaderCodec.encodedLength(mapped));
            }
        }
    }

    private static byte[] frameBytes(RemotingCommand command) {
        ByteBuf frame = CommandCodec.encode(command, UnpooledByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
    }

    private static String frameText(RemotingCommand command, SerializeType type) {
        return new String(frameBytes(command.serializeType(type)), java.nio.charset.StandardCharsets.UTF_8);
    }
}
