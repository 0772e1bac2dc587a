package io.apogee.store.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumeQueueTest {
    private static final int FILE_SIZE = 5 * 20;

    @TempDir
    Path dir;

    private ConsumeQueue open() {
        ConsumeQueue q = new ConsumeQueue("t", 0, dir, FILE_SIZE);
        q.load();
        q.recover();
        return q;
    }

    @Test
    void aQueueStartingLateIsPaddedWithFillersAndStartsAtItsFirstRealEntry() {
        ConsumeQueue q = open();
        q.put(7, 1000, 50, 1);
        q.put(8, 1050, 50, 2);
        assertThat(q.minOffset()).isEqualTo(7);
        assertThat(q.maxOffset()).isEqualTo(9);
        assertThat(q.get(6)).as("filler").isNull();
        assertThat(q.get(7)).isEqualTo(new CqEntry(7, 1000, 50, 1));

        ConsumeQueue reopened = open();
        assertThat(reopened.minOffset()).isEqualTo(7);
        assertThat(reopened.maxOffset()).isEqualTo(9);
        assertThat(reopened.maxPhysicalEnd()).isEqualTo(1100);
    }

    @Test
    void replayedEntriesAreSkippedSoRecoveryCanDispatchTwice() {
        ConsumeQueue q = open();
        q.put(0, 0, 10, 0);
        q.put(1, 10, 10, 0);
        q.put(0, 0, 10, 0);
        q.put(1, 10, 10, 0);
        assertThat(q.maxOffset()).isEqualTo(2);
    }

    @Test
    void truncateAboveDropsEntriesPastTheCommitLogEnd() {
        ConsumeQueue q = open();
        for (int i = 0; i < 12; i++) {
            q.put(i, i * 10L, 10, 0);
        }
        q.truncateAbove(75);
        assertThat(q.maxOffset()).isEqualTo(7);
        assertThat(q.maxPhysicalEnd()).isEqualTo(70);
        q.put(7, 70, 30, 0);
        assertThat(q.get(7)).isEqualTo(new CqEntry(7, 70, 30, 0));
    }

    @Test
    void deleteBelowRemovesWholeHeadFilesButNeverTheLast() {
        ConsumeQueue q = open();
        for (int i = 0; i < 12; i++) {
            q.put(i, i * 10L, 10, 0);
        }
        assertThat(q.deleteBelow(65)).isEqualTo(1);
        assertThat(q.minOffset()).isEqualTo(7);
        assertThat(q.deleteBelow(10_000)).as("last file stays").isEqualTo(1);
        assertThat(q.maxOffset()).isEqualTo(12);
    }

    @Test
    void recoveryStopsAtTheFirstUnwrittenEntry() {
        ConsumeQueue q = open();
        for (int i = 0; i < 7; i++) {
            q.put(i, i * 10L, 10, 0);
        }
        ConsumeQueue reopened = open();
        assertThat(reopened.maxOffset()).isEqualTo(7);
        assertThat(reopened.read(5, 10).entries()).extracting(CqEntry::queueOffset).containsExactly(5L, 6L);
    }
}
