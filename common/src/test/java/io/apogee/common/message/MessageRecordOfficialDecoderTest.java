package io.apogee.common.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;

/** Our encoder's bytes, judged by the official 5.3.3 {@code MessageDecoder}, and the other way round. */
class MessageRecordOfficialDecoderTest {
    private static final InetSocketAddress BORN = new InetSocketAddress("127.0.0.1", 60236);
    private static final InetSocketAddress STORE = new InetSocketAddress("127.0.0.1", 10911);

    private static MessageRecord.Builder sample() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("TAGS", "TagA");
        props.put("KEYS", "key1 key2");
        props.put("UNIQ_KEY", "7F0000010000000000000000000A0001");
        props.put("WAIT", "true");
        return MessageRecord.builder()
                .topic("protoprobe_t1").queueId(3).flag(7).queueOffset(42).physicalOffset(743030320L)
                .sysFlag(MessageSysFlag.TRANSACTION_COMMIT_TYPE).bornTimestamp(1_795_000_000_000L).bornHost(BORN)
                .storeTimestamp(1_795_000_000_123L).storeHost(STORE).reconsumeTimes(2)
                .preparedTransactionOffset(99).body("hello".getBytes(StandardCharsets.UTF_8)).properties(props);
    }

    private static MessageExt official(MessageRecord record) {
        ByteBuffer bytes = EncodedRecord.encode(record);
        MessageExt ext = MessageDecoder.decode(bytes, true, false);
        assertThat(ext).as("official decoder accepts our record").isNotNull();
        return ext;
    }

    private static void assertSameFields(MessageRecord ours, MessageExt ext) {
        assertThat(ext.getTopic()).isEqualTo(ours.topic());
        assertThat(ext.getQueueId()).isEqualTo(ours.queueId());
        assertThat(ext.getFlag()).isEqualTo(ours.flag());
        assertThat(ext.getQueueOffset()).isEqualTo(ours.queueOffset());
        assertThat(ext.getCommitLogOffset()).isEqualTo(ours.physicalOffset());
        assertThat(ext.getBornTimestamp()).isEqualTo(ours.bornTimestamp());
        assertThat(ext.getBornHost()).isEqualTo(ours.bornHost());
        assertThat(ext.getStoreTimestamp()).isEqualTo(ours.storeTimestamp());
        assertThat(ext.getStoreHost()).isEqualTo(ours.storeHost());
        assertThat(ext.getReconsumeTimes()).isEqualTo(ours.reconsumeTimes());
        assertThat(ext.getPreparedTransactionOffset()).isEqualTo(ours.preparedTransactionOffset());
        // The official decoder leaves an empty body null.
        assertThat(ext.getBody() == null ? new byte[0] : ext.getBody()).isEqualTo(ours.body());
        assertThat(ext.getProperties()).isEqualTo(ours.propertyMap());
        assertThat(ext.getBodyCRC()).isEqualTo(BodyCrc.of(ours.body()));
        assertThat(ext.getStoreSize()).isEqualTo(EncodedRecord.of(ours).length());
        assertThat(ext.getMsgId()).isEqualTo(ours.offsetMessageId());
    }

    @Test
    void officialDecoderReadsEveryFieldOfAnIpv4Record() {
        MessageRecord record = sample().build();
        MessageExt ext = official(record);
        assertSameFields(record, ext);
        assertThat(ext.getSysFlag()).isEqualTo(MessageSysFlag.TRANSACTION_COMMIT_TYPE);
    }

    @Test
    void officialDecoderReadsIpv6Hosts() {
        MessageRecord record = sample()
                .bornHost(new InetSocketAddress("fd00::1:2", 1234))
                .storeHost(new InetSocketAddress("::1", 10911)).build();
        MessageExt ext = official(record);
        assertSameFields(record, ext);
        assertThat(ext.getSysFlag() & (MessageSysFlag.BORNHOST_V6 | MessageSysFlag.STOREHOST_V6))
                .isEqualTo(MessageSysFlag.BORNHOST_V6 | MessageSysFlag.STOREHOST_V6);
        assertThat(ext.getMsgId()).hasSize(56);
    }

    @Test
    void officialDecoderReadsEmptyAndFourMebibyteBodies() {
        MessageRecord empty = sample().body(new byte[0]).build();
        assertSameFields(empty, official(empty));

        byte[] big = new byte[4 * 1024 * 1024];
        new Random(1).nextBytes(big);
        MessageRecord large = sample().body(big).build();
        assertSameFields(large, official(large));
    }

    @Test
    void officialDecoderReadsUnicodeProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("TAGS", "標籤");
        props.put("KEYS", "ключ κλειδί");
        props.put("emoji", "\uD83D\uDE80 rocket");
        MessageRecord record = sample().topic("тема_topic").properties(props).build();
        MessageExt ext = official(record);
        assertSameFields(record, ext);
        assertThat(ext.getTags()).isEqualTo("標籤");
    }

    @Test
    void longTopicsUseTheSecondMagicCode() {
        MessageRecord record = sample().topic("t".repeat(200)).build();
        ByteBuffer bytes = EncodedRecord.encode(record);
        assertThat(bytes.getInt(MessageRecordLayout.MAGIC_OFFSET)).isEqualTo(MessageRecordLayout.MAGIC_CODE_V2);
        assertSameFields(record, MessageDecoder.decode(bytes, true, false));
    }

    @Test
    void weDecodeWhatTheOfficialEncoderWrites() throws Exception {
        MessageExt ext = new MessageExt();
        ext.setTopic("official_topic");
        ext.setQueueId(5);
        ext.setFlag(3);
        ext.setQueueOffset(11);
        ext.setCommitLogOffset(4096);
        ext.setBornTimestamp(1000);
        ext.setBornHost(BORN);
        ext.setStoreTimestamp(2000);
        ext.setStoreHost(STORE);
        ext.setReconsumeTimes(1);
        ext.setPreparedTransactionOffset(0);
        ext.setBody("official body".getBytes(StandardCharsets.UTF_8));
        ext.setBodyCRC(BodyCrc.of(ext.getBody()));
        ext.putUserProperty("color", "blue");
        ext.setTags("TagZ");
        byte[] bytes = MessageDecoder.encode(ext, false);

        MessageRecord ours = MessageRecordDecoder.decode(ByteBuffer.wrap(bytes));
        assertThat(ours.topic()).isEqualTo("official_topic");
        assertThat(ours.queueId()).isEqualTo(5);
        assertThat(ours.queueOffset()).isEqualTo(11);
        assertThat(ours.physicalOffset()).isEqualTo(4096);
        assertThat(ours.body()).isEqualTo(ext.getBody());
        assertThat(ours.propertyMap()).isEqualTo(ext.getProperties());
        assertThat(ours.storeSize()).isEqualTo(bytes.length);
    }

    @Test
    void recordsBackToBackDecodeLikeAPullResponse() {
        MessageRecord a = sample().queueOffset(1).build();
        MessageRecord b = sample().queueOffset(2).body(new byte[] {1, 2, 3}).build();
        ByteBuffer ea = EncodedRecord.encode(a);
        ByteBuffer eb = EncodedRecord.encode(b);
        ByteBuffer both = ByteBuffer.allocate(ea.capacity() + eb.capacity()).put(ea).put(eb).flip();

        List<MessageExt> official = MessageDecoder.decodes(both.duplicate());
        assertThat(official).extracting(MessageExt::getQueueOffset).containsExactly(1L, 2L);
        assertThat(MessageRecordDecoder.decodeAll(both)).extracting(MessageRecord::queueOffset)
                .containsExactly(1L, 2L);
    }

    @Test
    void offsetMessageIdMatchesTheOfficialOne() throws Exception {
        assertThat(MessageIds.offsetMessageId(STORE, 743025008L))
                .isEqualTo("7F00000100002A9F000000002C49A970")
                .isEqualTo(MessageDecoder.createMessageId(STORE, 743025008L));
        MessageIds.OffsetMessageId id = MessageIds.decode("7F00000100002A9F000000002C49A970");
        assertThat(id.storeHost()).isEqualTo(STORE);
        assertThat(id.offset()).isEqualTo(743025008L);
        InetSocketAddress v6 = new InetSocketAddress("fd00::7", 10911);
        assertThat(MessageDecoder.decodeMessageId(MessageIds.offsetMessageId(v6, 5)).getOffset()).isEqualTo(5);
    }

    @Test
    void batchBodiesRoundTripWithTheOfficialCodec() throws Exception {
        List<BatchEntry> entries = List.of(
                new BatchEntry(0, "b0".getBytes(StandardCharsets.UTF_8), "KEYS\u0001bk0\u0002TAGS\u0001TagC\u0002"),
                new BatchEntry(4, new byte[0], ""));
        byte[] encoded = BatchBodyCodec.encode(entries);
        List<Message> official = MessageDecoder.decodeMessages(ByteBuffer.wrap(encoded));
        assertThat(official).hasSize(2);
        assertThat(official.get(0).getKeys()).isEqualTo("bk0");
        assertThat(official.get(0).getTags()).isEqualTo("TagC");
        assertThat(official.get(1).getFlag()).isEqualTo(4);

        Message m = new Message("t", "TagD", "k9", "x".getBytes(StandardCharsets.UTF_8));
        m.setFlag(9);
        byte[] theirs = MessageDecoder.encodeMessages(List.of(m));
        List<BatchEntry> ours = BatchBodyCodec.decode(theirs);
        assertThat(ours).hasSize(1);
        assertThat(ours.get(0).flag()).isEqualTo(9);
        assertThat(MessageProperties.decode(ours.get(0).properties())).isEqualTo(m.getProperties());
    }
}
