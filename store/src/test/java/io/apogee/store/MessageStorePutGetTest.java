package io.apogee.store;

import static io.apogee.store.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageRecordDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageStorePutGetTest {
    @TempDir
    Path dir;

    private static String bodyOf(ByteBuffer record) {
        return new String(MessageRecordDecoder.decode(record.duplicate()).body(), StandardCharsets.UTF_8);
    }

    @Test
    void putThenReadBackByQueueOffsetWithDenseOffsets() throws Exception {
        try (MessageStore store = MessageStore.open(StoreFixture.small(dir).build(), Clock.systemUTC())) {
            for (int i = 0; i < 5; i++) {
                PutMessageResult r = store.put(message("orders", 1, "m" + i).build()).get();
                assertThat(r.status()).isEqualTo(PutMessageStatus.PUT_OK);
                assertThat(r.append().queueOffset()).isEqualTo(i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> store.maxOffsetInQueue("orders", 1) == 5);
            GetMessageResult got = store.getMessages("orders", 1, 0, 32, 1 << 20, MessageFilter.all());
            assertThat(got.status()).isEqualTo(GetMessageStatus.FOUND);
            assertThat(got.queueOffsets()).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(got.buffers()).extracting(MessageStorePutGetTest::bodyOf)
                    .containsExactly("m0", "m1", "m2", "m3", "m4");
            assertThat(got.buffers().get(0).isDirect()).as("a view of the mapped file, not a heap copy").isTrue();
            assertThat(got.nextBeginOffset()).isEqualTo(5);
            assertThat(store.getMessages("orders", 1, 5, 32, 1 << 20, MessageFilter.all()).status())
                    .isEqualTo(GetMessageStatus.OFFSET_OVERFLOW_ONE);
            assertThat(store.getMessages("nope", 0, 0, 32, 1 << 20, MessageFilter.all()).status())
                    .isEqualTo(GetMessageStatus.NO_MATCHED_LOGIC_QUEUE);
        }
    }

    @Test
    void tagFilterSkipsOtherTagsAndCountAndSizeLimitsApply() throws Exception {
        try (MessageStore store = MessageStore.open(StoreFixture.small(dir).build(), Clock.systemUTC())) {
            for (int i = 0; i < 10; i++) {
                store.put(message("t", 0, ("x" + i).getBytes(StandardCharsets.UTF_8), i % 2 == 0 ? "A" : "B", null)
                        .build()).get();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> store.maxOffsetInQueue("t", 0) == 10);
            GetMessageResult onlyA = store.getMessages("t", 0, 0, 32, 1 << 20, MessageFilter.tags(List.of("A")));
            assertThat(onlyA.queueOffsets()).containsExactly(0L, 2L, 4L, 6L, 8L);
            GetMessageResult two = store.getMessages("t", 0, 0, 2, 1 << 20, MessageFilter.all());
            assertThat(two.queueOffsets()).containsExactly(0L, 1L);
            assertThat(two.nextBeginOffset()).isEqualTo(2);
            int oneRecord = two.buffers().get(0).remaining();
            GetMessageResult bySize = store.getMessages("t", 0, 3, 32, oneRecord + 1, MessageFilter.all());
            assertThat(bySize.queueOffsets()).containsExactly(3L);
            assertThat(bySize.nextBeginOffset()).isEqualTo(4);
        }
    }

    @Test
    void batchGetsConsecutiveOffsetsAndLookupByPhysicalOffsetWorks() throws Exception {
        try (MessageStore store = MessageStore.open(StoreFixture.small(dir).build(), Clock.systemUTC())) {
            store.put(message("b", 0, "first").build()).get();
            PutMessageResult r = store.putBatch(List.of(message("b", 0, "b1").build(), message("b", 0, "b2").build(),
                    message("b", 0, "b3").build())).get();
            assertThat(r.status()).isEqualTo(PutMessageStatus.PUT_OK);
            assertThat(r.append().queueOffset()).isEqualTo(1);
            assertThat(r.append().messageCount()).isEqualTo(3);
            MessageRecord first = store.lookMessageByOffset(r.append().wroteOffset());
            assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("b1");
            assertThat(first.queueOffset()).isEqualTo(1);
            assertThat(first.offsetMessageId()).isEqualTo(r.append().offsetMessageId());
            await().atMost(Duration.ofSeconds(10)).until(() -> store.maxOffsetInQueue("b", 0) == 4);
        }
    }

    @Test
    void refusesOversizedBodiesAndPropertiesWithAClearStatus() throws Exception {
        try (MessageStore store = MessageStore.open(StoreFixture.small(dir).maxMessageSize(1024).build(),
                Clock.systemUTC())) {
            PutMessageResult big = store.put(message("t", 0, new byte[1025], null, null).build()).get();
            assertThat(big.status()).isEqualTo(PutMessageStatus.MESSAGE_ILLEGAL);
            assertThat(big.remark()).contains("msg body length limit 1024B");
            PutMessageResult props = store.put(message("t", 0, "x").properties("k\u0001" + "v".repeat(40_000))
                    .build()).get();
            assertThat(props.status()).isEqualTo(PutMessageStatus.PROPERTIES_SIZE_EXCEEDED);
            PutMessageResult topic = store.put(message("t".repeat(128), 0, "x").build()).get();
            assertThat(topic.status()).isEqualTo(PutMessageStatus.MESSAGE_ILLEGAL);
            assertThat(store.commitLogMaxOffset()).isZero();
        }
    }

    @Test
    void offsetByTimeFindsTheFirstMessageAtOrAfterATime() throws Exception {
        MutableClock clock = new MutableClock(1_000_000);
        try (MessageStore store = MessageStore.open(StoreFixture.small(dir).build(), clock)) {
            for (int i = 0; i < 6; i++) {
                clock.set(1_000_000 + i * 1000L);
                store.put(message("time", 0, "m" + i).build()).get();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> store.maxOffsetInQueue("time", 0) == 6);
            assertThat(store.offsetInQueueByTime("time", 0, 1_002_500, false)).isEqualTo(3);
            assertThat(store.offsetInQueueByTime("time", 0, 1_002_500, true)).isEqualTo(2);
            assertThat(store.offsetInQueueByTime("time", 0, 9_999_999, false)).isEqualTo(6);
            assertThat(store.offsetInQueueByTime("time", 0, 0, false)).isEqualTo(0);
            assertThat(store.earliestMessageTime("time", 0)).isEqualTo(1_000_000);
            assertThat(store.storeTimestampOf("time", 0, 4)).isEqualTo(1_004_000);
            assertThat(store.storeTimestampOf("time", 0, 99)).isEqualTo(-1);
        }
    }
}
