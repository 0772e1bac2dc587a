package io.apogee.store;

import static io.apogee.store.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.common.message.MessageRecordDecoder;
import io.apogee.store.index.IndexFileLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexQueryTest {
    @TempDir
    Path dir;

    @Test
    void findsMessagesByKeyAndByUniqueKeyWithinATimeRange() throws Exception {
        MutableClock clock = new MutableClock(1_700_000_000_000L);
        try (MessageStore store = MessageStore.open(StoreFixture.small(dir).build(), clock)) {
            List<Long> orderOffsets = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                clock.advance(10_000);
                PutMessageResult r = store.put(message("idx", 0, ("m" + i).getBytes(StandardCharsets.UTF_8), null,
                        "order-1 k" + i).properties("KEYS\u0001order-1 k" + i + "\u0002UNIQ_KEY\u0001U" + i + "\u0002")
                        .build()).get();
                orderOffsets.add(r.append().wroteOffset());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> store.dispatchBehindBytes() == 0);

            QueryMessageResult all = store.queryMessage("idx", "order-1", 32, 0, Long.MAX_VALUE);
            List<Long> newestFirst = new ArrayList<>(orderOffsets);
            java.util.Collections.reverse(newestFirst);
            assertThat(all.physicalOffsets()).as("newest first").containsExactlyElementsOf(newestFirst);
            assertThat(store.queryMessage("idx", "order-1", 2, 0, Long.MAX_VALUE).physicalOffsets()).hasSize(2);
            assertThat(store.queryMessage("idx", "k3", 32, 0, Long.MAX_VALUE).physicalOffsets())
                    .containsExactly(orderOffsets.get(3));
            assertThat(store.queryMessage("idx", "U2", 32, 0, Long.MAX_VALUE).buffers())
                    .extracting(b -> new String(MessageRecordDecoder.decode(b.duplicate()).body(), StandardCharsets.UTF_8))
                    .containsExactly("m2");
            assertThat(store.queryMessage("other", "k3", 32, 0, Long.MAX_VALUE).physicalOffsets()).isEmpty();

            long t1 = 1_700_000_000_000L + 20_000;
            long t3 = 1_700_000_000_000L + 40_000;
            assertThat(store.queryMessage("idx", "order-1", 32, t1, t3).physicalOffsets())
                    .containsExactly(orderOffsets.get(3), orderOffsets.get(2), orderOffsets.get(1));
        }
    }

    @Test
    void rollsToANewIndexFileWhenFullAndStillFindsOldKeys() throws Exception {
        StoreConfig config = StoreFixture.small(dir).maxHashSlotNum(8).maxIndexNum(10).build();
        try (MessageStore store = MessageStore.open(config, Clock.systemUTC())) {
            for (int i = 0; i < 30; i++) {
                store.put(message("roll", 0, new byte[1], null, "key" + i).build()).get();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> store.dispatchBehindBytes() == 0);
            try (Stream<Path> files = Files.list(dir.resolve("index"))) {
                List<Path> list = files.toList();
                assertThat(list).hasSizeGreaterThanOrEqualTo(3);
                assertThat(list).allSatisfy(p -> assertThat(p.getFileName().toString()).matches("\\d{17}"));
                assertThat(Files.size(list.get(0))).isEqualTo(IndexFileLayout.fileSize(8, 10));
            }
            for (int i = 0; i < 30; i += 7) {
                assertThat(store.queryMessage("roll", "key" + i, 32, 0, Long.MAX_VALUE).physicalOffsets())
                        .as("key%d", i).hasSize(1);
            }
        }
    }
}
