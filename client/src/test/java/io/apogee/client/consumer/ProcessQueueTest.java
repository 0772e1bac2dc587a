package io.apogee.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.client.ReceivedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-queue flow control and the "lowest offset still held" commit rule of the push consumer. */
class ProcessQueueTest {
    private static ReceivedMessage message(long offset, int bodyBytes) {
        return new ReceivedMessage("t", 0, offset, "id" + offset, "0000000000000000", 0, 0, 0, 0, 0, Map.of(),
                new byte[bodyBytes]);
    }

    private static List<ReceivedMessage> messages(long from, int count, int bodyBytes) {
        List<ReceivedMessage> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(message(from + i, bodyBytes));
        }
        return out;
    }

    @Test
    void pullingPausesAtTheCountThresholdAndResumesBelowIt() {
        ProcessQueue queue = new ProcessQueue();
        List<ReceivedMessage> batch = messages(0, 10, 1);
        queue.add(batch, 10);
        assertThat(queue.overThresholds(11, Long.MAX_VALUE, 0)).isFalse();
        assertThat(queue.overThresholds(10, Long.MAX_VALUE, 0)).isTrue();
        queue.remove(batch.subList(0, 1));
        assertThat(queue.overThresholds(10, Long.MAX_VALUE, 0)).isFalse();
    }

    @Test
    void pullingPausesAtTheSizeThresholdAndResumesBelowIt() {
        ProcessQueue queue = new ProcessQueue();
        List<ReceivedMessage> batch = messages(0, 4, 1024);
        queue.add(batch, 4);
        assertThat(queue.bytes()).isEqualTo(4096);
        assertThat(queue.overThresholds(1000, 4096, 0)).isTrue();
        assertThat(queue.overThresholds(1000, 4097, 0)).isFalse();
        queue.remove(batch.subList(3, 4));
        assertThat(queue.bytes()).isEqualTo(3072);
        assertThat(queue.overThresholds(1000, 4096, 0)).isFalse();
    }

    @Test
    void pullingPausesWhenHeldOffsetsSpreadTooFar() {
        ProcessQueue queue = new ProcessQueue();
        queue.add(List.of(message(0, 1)), 1);
        queue.add(List.of(message(2500, 1)), 2501);
        assertThat(queue.overThresholds(1000, Long.MAX_VALUE, 2000)).isTrue();
        assertThat(queue.overThresholds(1000, Long.MAX_VALUE, 0)).isFalse();
    }

    @Test
    void offsetToCommitIsTheLowestMessageStillHeld() {
        ProcessQueue queue = new ProcessQueue();
        List<ReceivedMessage> batch = messages(100, 5, 1);
        queue.add(batch, 105);
        assertThat(queue.remove(List.of(batch.get(3), batch.get(4)))).isEqualTo(100);
        assertThat(queue.remove(List.of(batch.get(0)))).isEqualTo(101);
        assertThat(queue.remove(List.of(batch.get(1), batch.get(2)))).isEqualTo(105);
        // Entries filtered out after the last message: the queue may commit past them.
        queue.add(List.of(), 110);
        assertThat(queue.commitOffset()).isEqualTo(110);
    }

    @Test
    void orderlyBatchesComeInOrderAndSuspendedOnesComeBackWithAHigherCount() {
        ProcessQueue queue = new ProcessQueue();
        queue.add(messages(0, 3, 1), 3);
        assertThat(queue.scheduleOrderly()).isTrue();
        assertThat(queue.scheduleOrderly()).isFalse();
        List<ProcessQueue.Taken> first = queue.take(2);
        assertThat(first).extracting(t -> t.message().queueOffset()).containsExactly(0L, 1L);
        assertThat(queue.commitOffset()).isEqualTo(0);
        queue.putBack();
        List<ProcessQueue.Taken> again = queue.take(2);
        assertThat(again).extracting(t -> t.message().queueOffset()).containsExactly(0L, 1L);
        assertThat(again).extracting(ProcessQueue.Taken::localRetries).containsExactly(1, 1);
        assertThat(queue.commitTaken()).isEqualTo(2);
        assertThat(queue.take(2)).extracting(t -> t.message().queueOffset()).containsExactly(2L);
        assertThat(queue.commitTaken()).isEqualTo(3);
        assertThat(queue.take(2)).isEmpty();
        assertThat(queue.scheduleOrderly()).isTrue();
    }

    @Test
    void messagesInTheListenerTooLongAreReportedLowestFirstUntilRemoved() {
        ProcessQueue queue = new ProcessQueue();
        List<ReceivedMessage> batch = messages(0, 4, 1);
        queue.add(batch, 4);
        queue.consuming(batch.subList(0, 2), 1000);
        queue.consuming(batch.subList(2, 3), 5000);
        assertThat(queue.expired(2000, 16)).extracting(ReceivedMessage::queueOffset).containsExactly(0L, 1L);
        assertThat(queue.expired(6000, 2)).extracting(ReceivedMessage::queueOffset).containsExactly(0L, 1L);
        assertThat(queue.remove(batch.subList(0, 1))).isEqualTo(1);
        assertThat(queue.expired(6000, 16)).extracting(ReceivedMessage::queueOffset).containsExactly(1L, 2L);
    }

    @Test
    void aDroppedQueueKeepsNothing() {
        ProcessQueue queue = new ProcessQueue();
        queue.drop();
        assertThat(queue.add(messages(0, 1, 1), 1)).isFalse();
        assertThat(queue.count()).isZero();
        assertThat(queue.scheduleOrderly()).isFalse();
    }
}
