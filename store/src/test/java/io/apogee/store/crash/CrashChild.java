package io.apogee.store.crash;

import io.apogee.store.FlushDiskType;
import io.apogee.store.MessageStore;
import io.apogee.store.PutMessageResult;
import io.apogee.store.StoreConfig;
import io.apogee.store.TestMessages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process of {@link CrashRecoveryTest}: opens the store with SYNC_FLUSH and puts from several
 * threads, printing one {@code ACK} line per completed put, until it is killed (or a bounded
 * number of messages is reached).
 */
public final class CrashChild {
    static final String TOPIC = "crash";
    static final int THREADS = 4;
    static final int QUEUES = 2;
    private static final int MAX_PER_THREAD = 20_000;

    private CrashChild() {
    }

    static StoreConfig config(Path dir) {
        return StoreConfig.builder().storePathRootDir(dir).mappedFileSizeCommitLog(128 * 1024)
                .mappedFileSizeConsumeQueue(1000 * 20).maxHashSlotNum(1024).maxIndexNum(4096)
                .flushDiskType(FlushDiskType.SYNC_FLUSH).build();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String round = args[1];
        MessageStore store = MessageStore.open(config(dir), Clock.systemUTC());
        System.out.println("READY");
        System.out.flush();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread w = new Thread(() -> {
                for (int i = 0; i < MAX_PER_THREAD; i++) {
                    String body = "r" + round + "-t" + thread + "-" + i + "-" + "p".repeat(i % 200);
                    PutMessageResult r = store.put(TestMessages.message(TOPIC, thread % QUEUES,
                            body.getBytes(StandardCharsets.UTF_8), "T" + thread, null).build()).join();
                    if (r.isOk()) {
                        // One println per ACK: PrintStream serialises whole lines across threads.
                        System.out.println("ACK " + (thread % QUEUES) + " " + r.append().queueOffset() + " "
                                + r.append().wroteOffset() + " " + body + " END");
                    }
                }
            });
            w.start();
            threads.add(w);
        }
        for (Thread w : threads) {
            w.join();
        }
        store.close();
    }
}
