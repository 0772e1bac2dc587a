package io.apogee.store;

import static io.apogee.store.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.store.DefaultMessageStore;
import org.apache.rocketmq.store.config.MessageStoreConfig;
import org.apache.rocketmq.store.queue.ConsumeQueueInterface;
import org.apache.rocketmq.store.queue.CqUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official 5.3.3 DefaultMessageStore loads (and recovers) a directory we wrote, and finds every
 * message through its own consume queues and CommitLog.
 */
class OfficialStoreOpensOurDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void officialStoreLoadsOurDirectoryAndReadsTheMessages() throws Exception {
        StoreConfig ours = StoreFixture.small(dir).mappedFileSizeConsumeQueue(300 * 20).build();
        List<Long> physical = new ArrayList<>();
        try (MessageStore store = MessageStore.open(ours, Clock.systemUTC())) {
            for (int i = 0; i < 50; i++) {
                PutMessageResult r = store.put(message("shared", i % 2, ("body-" + i).getBytes(StandardCharsets.UTF_8),
                        "T" + (i % 2), "k" + i).build()).get();
                physical.add(r.append().wroteOffset());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> store.dispatchBehindBytes() == 0);
        }

        MessageStoreConfig config = new MessageStoreConfig();
        config.setStorePathRootDir(dir.toString());
        config.setStorePathCommitLog(dir.resolve("commitlog").toString());
        config.setMappedFileSizeCommitLog(ours.mappedFileSizeCommitLog());
        config.setMappedFileSizeConsumeQueue(ours.mappedFileSizeConsumeQueue());
        config.setMaxHashSlotNum(ours.maxHashSlotNum());
        config.setMaxIndexNum(ours.maxIndexNum());
        config.setTimerWheelEnable(false);
        DefaultMessageStore official = new DefaultMessageStore(config, null, null, new BrokerConfig(),
                new ConcurrentHashMap<>());
        try {
            assertThat(official.load()).isTrue();
            assertThat(official.getMaxOffsetInQueue("shared", 0)).isEqualTo(25);
            assertThat(official.getMaxOffsetInQueue("shared", 1)).isEqualTo(25);
            // Not started (that would open ports): walk its consume queue and read through its CommitLog.
            ConsumeQueueInterface queue = official.findConsumeQueue("shared", 1);
            List<String> bodies = new ArrayList<>();
            for (long q = 0; q < 25; q++) {
                CqUnit unit = queue.get(q);
                assertThat(unit.getTagsCode()).isEqualTo("T1".hashCode());
                MessageExt m = official.lookMessageByOffset(unit.getPos());
                assertThat(m.getQueueOffset()).isEqualTo(q);
                assertThat(m.getStoreSize()).isEqualTo(unit.getSize());
                bodies.add(new String(m.getBody(), StandardCharsets.UTF_8));
            }
            assertThat(bodies).startsWith("body-1", "body-3", "body-5").endsWith("body-49");
            MessageExt byOffset = official.lookMessageByOffset(physical.get(10));
            assertThat(new String(byOffset.getBody(), StandardCharsets.UTF_8)).isEqualTo("body-10");
        } finally {
            official.shutdown();
        }
    }
}
