package io.apogee.store.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageRecordDecoder;
import io.apogee.store.GetMessageResult;
import io.apogee.store.GetMessageStatus;
import io.apogee.store.MessageFilter;
import io.apogee.store.MessageStore;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that puts with SYNC_FLUSH at a random moment, 20 times over one store, and
 * after each kill checks that every acknowledged message is still there with the same offsets and
 * content, that queue offsets are dense, and that each consume queue matches the CommitLog.
 */
class CrashRecoveryTest {
    private static final int ROUNDS = 20;
    private static final long ROUND_DEADLINE_SECONDS = 30;

    @TempDir
    Path dir;

    private record Ack(int queueId, long queueOffset, long physicalOffset, String body) {
    }

    @Test
    void recoversEveryAcknowledgedMessageAfterKill() throws Exception {
        Random random = new Random(42);
        List<Ack> acked = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<Ack> roundAcks = runAndKill(round, 30 + random.nextInt(400));
            assertThat(roundAcks).as("round %d acknowledged something before the kill", round).isNotEmpty();
            acked.addAll(roundAcks);
            try (MessageStore store = MessageStore.open(CrashChild.config(dir), Clock.systemUTC())) {
                assertThat(store.recovery().abnormal()).isTrue();
                verify(store, acked);
            }
        }
    }

    private List<Ack> runAndKill(int round, long killAfterMillis) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(javaBinary(), "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), dir.toString(),
                Integer.toString(round));
        pb.redirectErrorStream(true);
        Process child = pb.start();
        List<Ack> acks = new ArrayList<>();
        CountDownLatch firstAck = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    // A line cut by the kill lacks its END marker and was never a complete report.
                    if (line.startsWith("ACK ") && line.endsWith(" END")) {
                        String[] f = line.substring(0, line.length() - " END".length()).split(" ", 5);
                        synchronized (acks) {
                            acks.add(new Ack(Integer.parseInt(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), f[4]));
                        }
                        firstAck.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // The child died; what was read is what was acknowledged.
            }
        });
        reader.start();
        try {
            assertThat(firstAck.await(ROUND_DEADLINE_SECONDS, TimeUnit.SECONDS))
                    .as("child acknowledged a put in time").isTrue();
            child.waitFor(killAfterMillis, TimeUnit.MILLISECONDS);
        } finally {
            child.destroyForcibly(); // SIGKILL on Unix
            assertThat(child.waitFor(ROUND_DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(ROUND_DEADLINE_SECONDS));
        }
        synchronized (acks) {
            return new ArrayList<>(acks);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString() + (File.separatorChar == '\\'
                ? ".exe" : "");
    }

    private static void verify(MessageStore store, List<Ack> acked) {
        Map<Long, MessageRecord> byQueueOffset = new HashMap<>();
        for (int q = 0; q < CrashChild.QUEUES; q++) {
            long max = store.maxOffsetInQueue(CrashChild.TOPIC, q);
            long next = 0;
            for (int guard = 0; next < max && guard < 1_000_000; guard++) {
                GetMessageResult got = store.getMessages(CrashChild.TOPIC, q, next, 32, 1 << 20, MessageFilter.all());
                assertThat(got.status()).as("queue %d offset %d", q, next).isEqualTo(GetMessageStatus.FOUND);
                for (int i = 0; i < got.messageCount(); i++) {
                    long queueOffset = got.queueOffsets().get(i);
                    assertThat(queueOffset).as("queue offsets are dense").isEqualTo(next + i);
                    ByteBuffer view = got.buffers().get(i);
                    MessageRecord r = MessageRecordDecoder.decode(view.duplicate(), 0, true, true);
                    assertThat(r.topic()).isEqualTo(CrashChild.TOPIC);
                    assertThat(r.queueId()).as("consume queue entry points at its own queue").isEqualTo(q);
                    assertThat(r.queueOffset()).as("consume queue matches the CommitLog").isEqualTo(queueOffset);
                    assertThat(r.storeSize()).isEqualTo(view.remaining());
                    byQueueOffset.put(key(q, queueOffset), r);
                }
                next = got.nextBeginOffset();
            }
            assertThat(next).isEqualTo(max);
        }
        assertEveryLogRecordIsQueued(store, byQueueOffset);
        for (Ack a : acked) {
            MessageRecord r = byQueueOffset.get(key(a.queueId(), a.queueOffset()));
            assertThat(r).as("acknowledged %s is readable", a).isNotNull();
            assertThat(r.physicalOffset()).isEqualTo(a.physicalOffset());
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(a.body());
        }
    }

    /** The other direction: every record in the CommitLog is the one its consume queue points at. */
    private static void assertEveryLogRecordIsQueued(MessageStore store, Map<Long, MessageRecord> queued) {
        int fileSize = CrashChild.config(Path.of(".")).mappedFileSizeCommitLog();
        long offset = store.commitLogMinOffset();
        long records = 0;
        for (int guard = 0; offset < store.commitLogMaxOffset() && guard < 10_000_000; guard++) {
            ByteBuffer b = store.readRecord(offset);
            if (b == null) {
                // The blank record closing a file: the next record starts the next file.
                assertThat(offset % fileSize).as("a blank never starts a file").isPositive();
                offset = offset - offset % fileSize + fileSize;
                continue;
            }
            MessageRecord r = MessageRecordDecoder.decode(b, 0, false, true);
            MessageRecord inQueue = queued.get(key(r.queueId(), r.queueOffset()));
            assertThat(inQueue).as("log record at %d is in its consume queue", offset).isNotNull();
            assertThat(inQueue.physicalOffset()).isEqualTo(offset);
            offset += r.storeSize();
            records++;
        }
        assertThat(offset).isEqualTo(store.commitLogMaxOffset());
        assertThat(records).isEqualTo(queued.size());
    }

    private static long key(int queueId, long queueOffset) {
        return ((long) queueId << 48) | queueOffset;
    }
}
