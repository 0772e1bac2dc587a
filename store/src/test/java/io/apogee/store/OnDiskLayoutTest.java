package io.apogee.store;

import static io.apogee.store.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.apogee.common.message.TagsCode;
import io.apogee.store.file.FileNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the files back byte by byte: the layouts RocketMQ's broker expects, independent of our readers. */
class OnDiskLayoutTest {
    @TempDir
    Path dir;

    @Test
    void consumeQueueIndexAndCheckpointBytesFollowRocketMqLayouts() throws Exception {
        MutableClock clock = new MutableClock(1_795_366_935_000L);
        long[] offsets = new long[3];
        int[] sizes = new int[3];
        try (MessageStore store = MessageStore.open(StoreFixture.small(dir).build(), clock)) {
            for (int i = 0; i < 3; i++) {
                clock.advance(2000);
                PutMessageResult r = store.put(message("lay", 1, ("b" + i).getBytes(StandardCharsets.UTF_8), "T",
                        "key" + i).build()).get();
                offsets[i] = r.append().wroteOffset();
                sizes[i] = r.append().wroteBytes();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> store.dispatchBehindBytes() == 0);
        }

        ByteBuffer cq = ByteBuffer.wrap(Files.readAllBytes(
                dir.resolve("consumequeue/lay/1").resolve(FileNames.of(0))));
        for (int q = 0; q < 3; q++) {
            assertThat(cq.getLong(q * 20)).as("entry %d offset", q).isEqualTo(offsets[q]);
            assertThat(cq.getInt(q * 20 + 8)).as("entry %d size", q).isEqualTo(sizes[q]);
            assertThat(cq.getLong(q * 20 + 12)).as("entry %d tags code", q).isEqualTo(0x54);
        }
        assertThat(cq.getLong(3 * 20)).isZero();

        ByteBuffer checkpoint = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("checkpoint")));
        assertThat(checkpoint.capacity()).isEqualTo(4096);
        assertThat(checkpoint.getLong(0)).as("physicMsgTimestamp").isEqualTo(1_795_366_941_000L);
        assertThat(checkpoint.getLong(8)).as("logicsMsgTimestamp").isEqualTo(1_795_366_941_000L);

        List<Path> indexFiles;
        try (Stream<Path> s = Files.list(dir.resolve("index"))) {
            indexFiles = s.toList();
        }
        assertThat(indexFiles).hasSize(1);
        // Named by the (injected, UTC) clock when the dispatcher indexed the first key: 17:02:17..17:02:21.
        assertThat(indexFiles.get(0).getFileName().toString()).matches("202611221702(1[7-9]|2[01])\\d{3}");
        ByteBuffer index = ByteBuffer.wrap(Files.readAllBytes(indexFiles.get(0)));
        int slots = 64;
        assertThat(index.capacity()).isEqualTo(40 + slots * 4 + 256 * 20);
        assertThat(index.getLong(0)).as("begin timestamp").isEqualTo(1_795_366_937_000L);
        assertThat(index.getLong(8)).as("end timestamp").isEqualTo(1_795_366_941_000L);
        assertThat(index.getLong(16)).as("begin offset").isEqualTo(offsets[0]);
        assertThat(index.getLong(24)).as("end offset").isEqualTo(offsets[2]);
        assertThat(index.getInt(36)).as("index count starts at 1").isEqualTo(4);
        String key = "lay#key2";
        int hash = Math.abs(key.hashCode());
        int entry = index.getInt(40 + (hash % slots) * 4);
        assertThat(entry).isEqualTo(3);
        int at = 40 + slots * 4 + entry * 20;
        assertThat(index.getInt(at)).isEqualTo(hash);
        assertThat(index.getLong(at + 4)).isEqualTo(offsets[2]);
        assertThat(index.getInt(at + 12)).as("seconds since begin").isEqualTo(4);
    }

    @Test
    void delayTopicEntriesCarryTheDeliveryTimeAsTagsCode() throws Exception {
        MutableClock clock = new MutableClock(1_000_000_000L);
        try (MessageStore store = MessageStore.open(StoreFixture.small(dir).build(), clock)) {
            store.put(message("SCHEDULE_TOPIC_XXXX", 2, "d").properties("DELAY\u00013\u0002TAGS\u0001x\u0002")
                    .build()).get();
            store.put(message("plain", 0, "p").properties("TAGS\u0001x\u0002").build()).get();
            await().atMost(Duration.ofSeconds(10)).until(() -> store.dispatchBehindBytes() == 0);
        }
        ByteBuffer cq = ByteBuffer.wrap(Files.readAllBytes(
                dir.resolve("consumequeue/SCHEDULE_TOPIC_XXXX/2").resolve(FileNames.of(0))));
        assertThat(cq.getLong(12)).as("level 3 = 10 s after store time").isEqualTo(1_000_000_000L + 10_000);
        ByteBuffer plain = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("consumequeue/plain/0")
                .resolve(FileNames.of(0))));
        assertThat(plain.getLong(12)).isEqualTo(TagsCode.of("x"));
    }

    @Test
    void fileNamesAreTwentyDigitOffsets() {
        assertThat(FileNames.of(0)).isEqualTo("00000000000000000000");
        assertThat(FileNames.of(1_073_741_824L)).isEqualTo("00000000001073741824");
        assertThat(FileNames.parse("00000000000006000000")).isEqualTo(6_000_000L);
        assertThat(FileNames.parse("abc")).isEqualTo(-1);
    }

    @Test
    void aCommitLogFileOfTheWrongSizeStopsTheStore() throws Exception {
        Files.createDirectories(dir.resolve("commitlog"));
        Files.write(dir.resolve("commitlog").resolve(FileNames.of(0)), new byte[1000]);
        Files.write(dir.resolve("commitlog").resolve(FileNames.of(65536)), new byte[0]);
        assertThatThrownBy(() -> MessageStore.open(StoreFixture.small(dir).build(), new MutableClock(0)))
                .hasMessageContaining("does not match the configured size 65536");
    }

    @Test
    void configReadsRocketMqKeysWithRocketMqDefaults() {
        StoreConfig defaults = StoreConfig.fromProperties(new Properties());
        assertThat(defaults.mappedFileSizeCommitLog()).isEqualTo(1_073_741_824);
        assertThat(defaults.mappedFileSizeConsumeQueue()).isEqualTo(6_000_000);
        assertThat(defaults.maxMessageSize()).isEqualTo(4_194_304);
        assertThat(defaults.flush().flushDiskType()).isEqualTo(FlushDiskType.ASYNC_FLUSH);
        assertThat(defaults.cleanup().fileReservedTime()).isEqualTo(72);
        assertThat(defaults.cleanup().deleteWhen()).isEqualTo("04");
        assertThat(defaults.cleanup().diskMaxUsedSpaceRatio()).isEqualTo(75);
        assertThat(defaults.maxIndexNum()).isEqualTo(20_000_000);
        assertThat(defaults.flush().syncFlushTimeout()).isEqualTo(5000);
        assertThat(defaults.flush().flushConsumeQueueThoroughInterval()).isEqualTo(60_000);
        assertThat(defaults.cleanup().diskSpaceWarningLevelRatio()).isEqualTo(90);

        Properties p = new Properties();
        p.setProperty("storePathRootDir", "/data/apogee");
        p.setProperty("flushDiskType", "SYNC_FLUSH");
        p.setProperty("mappedFileSizeConsumeQueue", "1001");
        p.setProperty("diskMaxUsedSpaceRatio", "99");
        StoreConfig c = StoreConfig.fromProperties(p);
        assertThat(c.commitLogDir()).isEqualTo(Path.of("/data/apogee/commitlog"));
        assertThat(c.flush().flushDiskType()).isEqualTo(FlushDiskType.SYNC_FLUSH);
        assertThat(c.mappedFileSizeConsumeQueue()).as("rounded up to whole entries").isEqualTo(1020);
        assertThat(c.cleanup().diskMaxUsedSpaceRatio()).as("clamped").isEqualTo(95);
        p.setProperty("storePathCommitLog", "/fast/commitlog");
        assertThat(StoreConfig.fromProperties(p).commitLogDir()).isEqualTo(Path.of("/fast/commitlog"));
        p.setProperty("maxMessageSize", "lots");
        assertThatThrownBy(() -> StoreConfig.fromProperties(p)).hasMessageContaining("maxMessageSize=lots");
    }
}
