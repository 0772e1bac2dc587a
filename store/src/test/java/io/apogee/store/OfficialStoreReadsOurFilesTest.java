package io.apogee.store;

import static io.apogee.store.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.common.message.BodyCrc;
import io.apogee.store.file.FileNames;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.store.StoreCheckpoint;
import org.apache.rocketmq.store.index.IndexFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official 5.3.3 store classes read what we write, and we open what the official encoder writes. */
class OfficialStoreReadsOurFilesTest {
    private static final int SLOTS = 64;
    private static final int ENTRIES = 256;

    @TempDir
    Path dir;

    @Test
    void officialIndexFileAndCheckpointReadOurFiles() throws Exception {
        List<Long> offsets = new ArrayList<>();
        long before = System.currentTimeMillis() - 1000;
        try (MessageStore store = MessageStore.open(StoreFixture.small(dir).build(), Clock.systemUTC())) {
            for (int i = 0; i < 20; i++) {
                PutMessageResult r = store.put(message("idx", 0, ("b" + i).getBytes(StandardCharsets.UTF_8), null,
                        "order-" + (i % 3)).build()).get();
                offsets.add(r.append().wroteOffset());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> store.dispatchBehindBytes() == 0);
        }
        Path indexPath;
        try (Stream<Path> s = Files.list(dir.resolve("index"))) {
            indexPath = s.findFirst().orElseThrow();
        }
        IndexFile official = new IndexFile(indexPath.toString(), SLOTS, ENTRIES, 0, 0);
        try {
            official.load();
            List<Long> found = new ArrayList<>();
            official.selectPhyOffset(found, "idx#order-1", 32, before, System.currentTimeMillis() + 1000);
            List<Long> expected = new ArrayList<>();
            for (int i = 19; i >= 0; i--) {
                if (i % 3 == 1) {
                    expected.add(offsets.get(i));
                }
            }
            assertThat(found).containsExactlyElementsOf(expected);
            assertThat(official.getEndPhyOffset()).isEqualTo(offsets.get(19));
        } finally {
            official.shutdown();
        }

        StoreCheckpoint checkpoint = new StoreCheckpoint(dir.resolve("checkpoint").toString());
        try {
            assertThat(checkpoint.getPhysicMsgTimestamp()).isGreaterThan(before);
            assertThat(checkpoint.getLogicsMsgTimestamp()).isGreaterThan(before);
        } finally {
            checkpoint.shutdown();
        }
    }

    @Test
    void weOpenACommitLogWrittenByTheOfficialEncoder() throws Exception {
        int fileSize = 64 * 1024;
        Path commitLog = dir.resolve("commitlog");
        Files.createDirectories(commitLog);
        long position = 0;
        try (FileChannel ch = FileChannel.open(commitLog.resolve(FileNames.of(0)), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            for (int i = 0; i < 3; i++) {
                MessageExt ext = new MessageExt();
                ext.setTopic("legacy");
                ext.setQueueId(1);
                ext.setQueueOffset(i);
                ext.setCommitLogOffset(position);
                ext.setBornHost(TestMessages.BORN);
                ext.setStoreHost(TestMessages.STORE);
                ext.setBornTimestamp(1000 + i);
                ext.setStoreTimestamp(2000 + i);
                ext.setBody(("official-" + i).getBytes(StandardCharsets.UTF_8));
                ext.setBodyCRC(BodyCrc.of(ext.getBody()));
                ext.setTags("TagA");
                byte[] bytes = MessageDecoder.encode(ext, false);
                ch.write(ByteBuffer.wrap(bytes), position);
                position += bytes.length;
            }
            ch.write(ByteBuffer.wrap(new byte[1]), fileSize - 1);
        }
        Files.writeString(dir.resolve("abort"), "1");
        try (MessageStore store = MessageStore.open(StoreFixture.small(dir).build(), Clock.systemUTC())) {
            assertThat(store.commitLogMaxOffset()).isEqualTo(position);
            assertThat(store.maxOffsetInQueue("legacy", 1)).isEqualTo(3);
            GetMessageResult got = store.getMessages("legacy", 1, 0, 32, 1 << 20, MessageFilter.tags(List.of("TagA")));
            assertThat(got.messageCount()).isEqualTo(3);
            PutMessageResult next = store.put(message("legacy", 1, "ours").build()).get();
            assertThat(next.append().queueOffset()).isEqualTo(3);
            assertThat(next.append().wroteOffset()).isEqualTo(position);
        }
    }
}
