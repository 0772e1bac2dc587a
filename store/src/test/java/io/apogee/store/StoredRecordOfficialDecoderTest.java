package io.apogee.store;

import static io.apogee.store.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.common.message.MessageIds;
import io.apogee.common.message.MessageRecord;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store writes, read back from the files, must decode with the official decoder, every field equal. */
class StoredRecordOfficialDecoderTest {
    @TempDir
    Path dir;

    private static void assertStoredAs(MessageExt ext, MessageRecord sent, PutMessageResult result, int index) {
        assertThat(ext.getTopic()).isEqualTo(sent.topic());
        assertThat(ext.getQueueId()).isEqualTo(sent.queueId());
        assertThat(ext.getFlag()).isEqualTo(sent.flag());
        assertThat(ext.getQueueOffset()).isEqualTo(result.append().queueOffset() + index);
        assertThat(ext.getBornTimestamp()).isEqualTo(sent.bornTimestamp());
        assertThat(ext.getBornHost()).isEqualTo(sent.bornHost());
        assertThat(ext.getStoreHost()).isEqualTo(sent.storeHost());
        assertThat(ext.getStoreTimestamp()).isEqualTo(result.append().storeTimestamp());
        assertThat(ext.getReconsumeTimes()).isEqualTo(sent.reconsumeTimes());
        assertThat(ext.getBody() == null ? new byte[0] : ext.getBody()).isEqualTo(sent.body());
        assertThat(ext.getProperties()).isEqualTo(sent.propertyMap());
    }

    private List<MessageExt> putAndDecode(MessageStore store, List<MessageRecord> sent, boolean batch)
            throws Exception {
        PutMessageResult r = batch ? store.putBatch(sent).get() : store.put(sent.get(0)).get();
        assertThat(r.status()).isEqualTo(PutMessageStatus.PUT_OK);
        List<MessageExt> out = new ArrayList<>();
        long offset = r.append().wroteOffset();
        for (int i = 0; i < sent.size(); i++) {
            ByteBuffer stored = store.readRecord(offset);
            MessageExt ext = MessageDecoder.decode(stored.duplicate(), true, false);
            assertThat(ext).isNotNull();
            assertThat(ext.getCommitLogOffset()).isEqualTo(offset);
            assertThat(ext.getMsgId()).isEqualTo(MessageIds.offsetMessageId(sent.get(i).storeHost(), offset));
            assertStoredAs(ext, sent.get(i), r, i);
            out.add(ext);
            offset += stored.remaining();
        }
        assertThat(offset).isEqualTo(r.append().nextOffset());
        return out;
    }

    @Test
    void singleIpv6EmptyLargeUnicodeAndBatchRecordsDecodeOfficially() throws Exception {
        StoreConfig config = StoreFixture.small(dir).mappedFileSizeCommitLog(16 * 1024 * 1024).build();
        try (MessageStore store = MessageStore.open(config, Clock.systemUTC())) {
            putAndDecode(store, List.of(message("single", 1, "hello").flag(5).reconsumeTimes(2).build()), false);

            putAndDecode(store, List.of(message("v6", 0, "six")
                    .bornHost(new InetSocketAddress("fd00::5", 4000))
                    .storeHost(new InetSocketAddress("::1", 10911)).build()), false);

            putAndDecode(store, List.of(message("empty", 0, new byte[0], "T", "k").build()), false);

            byte[] big = new byte[4 * 1024 * 1024];
            new Random(7).nextBytes(big);
            putAndDecode(store, List.of(message("big", 0, big, null, null).build()), false);

            List<MessageExt> unicode = putAndDecode(store, List.of(message("uni", 0,
                    "тело".getBytes(StandardCharsets.UTF_8), "標籤", "ключ κλειδί").build()), false);
            assertThat(unicode.get(0).getKeys()).isEqualTo("ключ κλειδί");

            List<MessageRecord> batch = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                batch.add(message("batch", 3, "b" + i).build());
            }
            List<MessageExt> decoded = putAndDecode(store, batch, true);
            assertThat(decoded).extracting(MessageExt::getQueueOffset).containsExactly(0L, 1L, 2L);

            await().atMost(Duration.ofSeconds(10)).until(() -> store.maxOffsetInQueue("batch", 3) == 3);
            GetMessageResult pulled = store.getMessages("batch", 3, 0, 32, 1 << 20, MessageFilter.all());
            ByteBuffer body = ByteBuffer.allocate(pulled.bufferTotalSize());
            pulled.buffers().forEach(b -> body.put(b.duplicate()));
            body.flip();
            assertThat(MessageDecoder.decodes(body)).extracting(m -> new String(m.getBody(), StandardCharsets.UTF_8))
                    .as("a pull response body: records back to back").containsExactly("b0", "b1", "b2");
        }
    }
}
