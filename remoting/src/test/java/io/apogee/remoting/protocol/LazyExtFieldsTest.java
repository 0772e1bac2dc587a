package io.apogee.remoting.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogee.remoting.protocol.header.CommandHeader;
import io.apogee.remoting.protocol.header.HeaderCodec;
import io.apogee.remoting.protocol.header.SendHeaders.SendMessageResponse;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A decoded command keeps its ext fields as bytes and reads typed headers straight from them; the plain
 * JSON headers are read without fastjson2. Both must give exactly what the eager decode gave: the same
 * fields, the same map when asked, the same typed headers and the same errors, for both header codecs.
 */
class LazyExtFieldsTest {
    private static final String SEND_RESPONSE = "{\"code\":0,\"extFields\":{\"queueId\":\"3\",\"MSG_REGION\":"
            + "\"DefaultRegion\",\"TRACE_ON\":\"true\",\"msgId\":\"7F00000100002A9F0000000000012345\",\"queueOffset\":"
            + "\"8812\",\"transactionId\":\"7F000001465C18B4AAC27B2A1B2C0001\"},\"flag\":1,\"language\":\"JAVA\","
            + "\"opaque\":4711,\"serializeTypeCurrentRPC\":\"JSON\",\"version\":479}";

    /** Headers the plain reader must read itself. */
    private static final List<String> PLAIN = List.of(
            SEND_RESPONSE,
            "{}",
            " { \"code\" : -17 ,\n\"extFields\" : { } ,\t\"opaque\":2147483647 , \"flag\":0 }  ",
            "{\"code\":1,\"extFields\":null,\"remark\":null,\"language\":\"GO\",\"version\":-2147483648}",
            "{\"code\":1,\"extFields\":{\"msgId\":null,\"queueId\":\"1\",\"queueOffset\":\"0\"},\"language\":7}",
            "{\"code\":1,\"extFields\":{\"msgId\":\"a\",\"msgId\":\"b\",\"msgId\":null,\"queueId\":\"\",\"\":\"x\"}}",
            "{\"code\":25,\"remark\":\"no route info of this topic: Foo, see http://x/y\",\"extFields\":{},"
                    + "\"extFields\":{\"queueId\":\"5\"}}",
            "{\"code\":3,\"extFields\":{\"queueId\":\"2\"},\"extFields\":null}",
            numbers("007", "9223372036854775808"),
            numbers("2147483648", "-0"),
            numbers("-2147483648", "9223372036854775807"),
            numbers("+5", "-9223372036854775808"),
            numbers("-", "1"),
            numbers("5", "-9223372036854775809"),
            numbers("", "99999999999999999999"));

    private static String numbers(String queueId, String queueOffset) {
        return "{\"extFields\":{\"msgId\":\"m\",\"queueId\":\"" + queueId + "\",\"queueOffset\":\"" + queueOffset
                + "\"}}";
    }

    /** Headers the plain reader must leave to fastjson2 (which may read them or refuse them). */
    private static final List<String> NOT_PLAIN = List.of(
            "{\"code\":0,\"extFields\":{\"msgId\":\"caf\u00e9\",\"queueId\":\"1\",\"queueOffset\":\"2\"}}",
            "{\"code\":0,\"extFields\":{\"msgId\":\"a\\\"b\\\\c\\u00e9\\n\",\"queueId\":\"1\",\"queueOffset\":\"2\"}}",
            "{\"code\":0,\"extFields\":{\"m\\u0073gId\":\"x\",\"queueId\":\"1\",\"queueOffset\":\"2\"}}",
            "{\"code\":0,\"extFields\":{\"msgId\":\"\ud83d\ude00\",\"queueId\":\"1\",\"queueOffset\":\"2\"}}",
            "{\"code\":0,\"extFields\":{\"queueId\":1,\"queueOffset\":2,\"msgId\":\"x\"}}",
            "{\"code\":0,\"extFields\":{\"queueId\":true,\"msgId\":\"x\"}}",
            "{\"code\":\"12\",\"extFields\":{}}",
            "{\"code\":012}",
            "{\"code\":1.0}",
            "{\"code\":2147483648}",
            "{\"code\":0,\"unknown\":{\"a\":[1,2]},\"extFields\":{\"queueId\":\"1\"}}",
            "{\"code\":0,\"remark\":\"r\u00e9sum\u00e9\"}",
            "{\"code\":0,\"language\":\"KLINGON\"}",
            "{\"code\":0,\"language\":null}",
            "{\"code\":0,\"extFields\":{\"queueId\":\"1\"}",
            "{\"code\":0,\"extFields\":{\"queueId\":\"1\",}}",
            "{\"code\":0}x",
            "{\"code\":0,\"extFields\":[1]}",
            "{\"code\":0,\"extFields\":{\"a\":{\"b\":\"c\"}}}",
            "[]",
            "");

    @Test
    void plainJsonHeadersAreReadWithoutTheLibraryAndAsTheLibraryReadsThem() throws Exception {
        for (String json : PLAIN) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            assertThat(PlainJsonHeaderReader.read(bytes, 0, bytes.length)).as(json).isNotNull();
            assertSameAsGeneral(bytes);
        }
    }

    @Test
    void otherJsonHeadersGoToTheLibraryWithTheSameOutcome() throws Exception {
        for (String json : NOT_PLAIN) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            assertThat(PlainJsonHeaderReader.read(bytes, 0, bytes.length)).as(json).isNull();
            assertSameAsGeneral(bytes);
        }
    }

    @Test
    void aSendResponseIsReadStraightFromItsBytes() throws Exception {
        byte[] bytes = SEND_RESPONSE.getBytes(StandardCharsets.UTF_8);
        RemotingCommand command = JsonHeaderCodec.decode(bytes, 0, bytes.length);
        SendMessageResponse header = command.readHeader(SendMessageResponse.class);
        assertThat(header).isEqualTo(new SendMessageResponse("7F00000100002A9F0000000000012345", 3, 8812L,
                "7F000001465C18B4AAC27B2A1B2C0001", null, null));
        assertThat(command.extFields()).containsOnly(Map.entry("queueId", "3"), Map.entry("MSG_REGION", "DefaultRegion"),
                Map.entry("TRACE_ON", "true"), Map.entry("msgId", "7F00000100002A9F0000000000012345"),
                Map.entry("queueOffset", "8812"), Map.entry("transactionId", "7F000001465C18B4AAC27B2A1B2C0001"))
                .isInstanceOf(HashMap.class);
        // Once the map exists it is the truth: a change shows in the typed header.
        command.putExtField("queueId", "9");
        assertThat(command.readHeader(SendMessageResponse.class).queueId()).isEqualTo(9);
        assertThat(command.opaque()).isEqualTo(4711);
        assertThat(command.flag()).isEqualTo(1);
        assertThat(command.version()).isEqualTo(479);
        assertThat(command.language()).isEqualTo(LanguageCode.JAVA);
    }

    @Test
    void aMissingRequiredFieldFailsAsInTheEagerDecode() {
        byte[] bytes = "{\"code\":0,\"extFields\":{\"msgId\":null,\"queueId\":\"1\"}}".getBytes(StandardCharsets.UTF_8);
        RemotingCommand command = JsonHeaderCodec.decode(bytes, 0, bytes.length);
        assertThatThrownBy(() -> command.readHeader(SendMessageResponse.class))
                .hasMessage("the custom field <msgId> is null");
        byte[] malformed = "{\"extFields\":{\"msgId\":\"m\",\"queueId\":\"x1\",\"queueOffset\":\"1\"}}"
                .getBytes(StandardCharsets.UTF_8);
        RemotingCommand bad = JsonHeaderCodec.decode(malformed, 0, malformed.length);
        assertThatThrownBy(() -> bad.readHeader(SendMessageResponse.class))
                .hasMessage("the custom field <queueId> has a malformed value: x1");
    }

    @Test
    void randomJsonHeadersDecodeAsTheLibraryDecodesThem() throws Exception {
        Random random = new Random(20261124);
        for (int i = 0; i < 2000; i++) {
            RemotingCommand original = randomCommand(random, SerializeType.JSON);
            byte[] bytes = JsonHeaderCodec.encode(original);
            assertSameAsGeneral(bytes);
            RemotingCommand decoded = JsonHeaderCodec.decode(bytes, 0, bytes.length);
            assertThat(decoded.extFields()).isEqualTo(original.extFields());
        }
    }

    @Test
    void randomBinaryHeadersReadTypedHeadersAsTheirMapDoes() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            RemotingCommand original = randomCommand(random, SerializeType.ROCKETMQ);
            Map<String, String> expected = new HashMap<>();
            original.extFields().forEach((k, v) -> {
                if (!k.isEmpty() && !v.isEmpty()) {
                    expected.put(k, v); // the binary layout cannot carry empty strings
                }
            });
            RemotingCommand decoded = roundTrip(original);
            // Typed headers first, while the command still holds its raw ext fields; then the map.
            assertSameTypedHeaders(decoded, expected);
            assertThat(decoded.extFields()).isEqualTo(original.extFields().isEmpty() ? null : expected);
        }
    }

    @Test
    void malformedBinaryExtEntriesAreStillRefusedWhenTheFrameIsDecoded() {
        Map<String, String> ext = new HashMap<>();
        ext.put("queueId", "1");
        ByteBuf frame = CommandCodec.encode(new RemotingCommand().code(1).extFields(ext)
                .serializeType(SerializeType.ROCKETMQ), UnpooledByteBufAllocator.DEFAULT);
        try {
            frame.readInt();
            // The value length of the only entry, now one byte past the header's end.
            int valueLengthAt = frame.readerIndex() + 4 + BinaryHeaderCodec.FIXED_LENGTH + 2 + "queueId".length();
            frame.setInt(valueLengthAt, 2);
            assertThatThrownBy(() -> CommandCodec.decode(frame)).isInstanceOf(FrameFormatException.class)
                    .hasMessageContaining("ext value length 2");
        } finally {
            frame.release();
        }
    }

    private static RemotingCommand roundTrip(RemotingCommand command) {
        ByteBuf frame = CommandCodec.encode(command, UnpooledByteBufAllocator.DEFAULT);
        try {
            frame.readInt();
            return CommandCodec.decode(frame);
        } finally {
            frame.release();
        }
    }

    private static final String[] KEYS = {"msgId", "queueId", "queueOffset", "transactionId", "batchUniqId",
        "MSG_REGION", "TRACE_ON", "producerGroup", "topic", "a", "b", "c", "d", "e", "f", "g", "i", "j", "k", "m",
        "n", "\u00e9t\u00e9", "k\ud83d\ude00", "msgIe", "queueIx", "queueOffsex", "transactionIx", "q"};

    private static RemotingCommand randomCommand(Random random, SerializeType type) {
        Map<String, String> ext = new HashMap<>();
        int fields = random.nextInt(9);
        for (int f = 0; f < fields; f++) {
            ext.put(KEYS[random.nextInt(KEYS.length)], randomValue(random));
        }
        RemotingCommand command = new RemotingCommand().code(random.nextInt(400)).opaque(random.nextInt())
                .flag(random.nextInt(4)).extFields(ext).serializeType(type);
        if (random.nextInt(4) == 0) {
            command.remark(randomValue(random));
        }
        return command;
    }

    /** Number texts at the edges of what parses: signs, zeros, overflow, blanks. */
    private static final String[] NUMBERS = {"007", "+5", " 5", "5 ", "-", "-0", "2147483647", "2147483648",
        "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "999999999999999999",
        "1e3", "0x10", "١"};

    private static String randomValue(Random random) {
        switch (random.nextInt(9)) {
            case 7:
                return NUMBERS[random.nextInt(NUMBERS.length)];
            case 0:
                return Integer.toString(random.nextInt(100));
            case 1:
                return Long.toString(random.nextLong());
            case 2:
                return "";
            case 3:
                return "x\u00e9\ud83d\ude00\"\\\n\u0001";
            case 4:
                return "true";
            case 5:
                return "-" + random.nextInt(5) + ".5";
            default:
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(40);
                for (int i = 0; i < length; i++) {
                    text.append((char) (0x20 + random.nextInt(0x5F)));
                }
                return text.toString();
        }
    }

    private static void assertSameAsGeneral(byte[] bytes) throws Exception {
        RemotingCommand general;
        try {
            general = JsonHeaderCodec.decodeGeneral(bytes, 0, bytes.length);
        } catch (FrameFormatException e) {
            assertThatThrownBy(() -> JsonHeaderCodec.decode(bytes, 0, bytes.length))
                    .isInstanceOf(FrameFormatException.class).hasMessage(e.getMessage());
            return;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        RemotingCommand decoded = JsonHeaderCodec.decode(bytes, 0, bytes.length);
        assertThat(decoded.code()).as(text).isEqualTo(general.code());
        assertThat(decoded.language()).as(text).isEqualTo(general.language());
        assertThat(decoded.version()).as(text).isEqualTo(general.version());
        assertThat(decoded.opaque()).as(text).isEqualTo(general.opaque());
        assertThat(decoded.flag()).as(text).isEqualTo(general.flag());
        assertThat(decoded.remark()).as(text).isEqualTo(general.remark());
        Map<String, String> fields = general.extFields();
        // Typed headers first, while the decoded command still holds its raw ext fields.
        assertSameTypedHeaders(decoded, fields == null ? Map.of() : fields);
        assertThat(decoded.extFields()).as(text).isEqualTo(fields);
        if (fields != null) {
            assertThat(decoded.extFields()).isInstanceOf(HashMap.class);
        }
    }

    /** Reads two header types (a record and a class) from the command and from {@code fields}; same outcome. */
    private static void assertSameTypedHeaders(RemotingCommand command, Map<String, String> fields) {
        assertSameTypedHeader(command, fields, SendMessageResponse.class);
        assertSameTypedHeader(command, fields, SendMessageRequestHeaderV2.class);
    }

    private static <T extends CommandHeader> void assertSameTypedHeader(RemotingCommand command,
            Map<String, String> fields, Class<T> type) {
        String expected;
        try {
            expected = flatten(HeaderCodec.decode(fields, type));
        } catch (Exception e) {
            expected = "failure: " + e.getMessage();
        }
        String actual;
        try {
            actual = flatten(command.readHeader(type));
        } catch (Exception e) {
            actual = "failure: " + e.getMessage();
        }
        assertThat(actual).as(type.getSimpleName() + " from " + fields).isEqualTo(expected);
    }

    private static String flatten(CommandHeader header) {
        Map<String, String> out = new TreeMap<>();
        HeaderCodec.encode(header, out);
        return new ArrayList<>(out.entrySet()).toString();
    }
}
