package io.apogee.broker.processor;

import io.apogee.broker.BrokerContext;
import io.apogee.broker.BrokerExecutors;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.common.message.MessageRecordLayout;
import io.apogee.remoting.protocol.RemotingVersion;
import io.apogee.store.MessageStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The key-value table of {@code GET_BROKER_RUNTIME_INFO} with the keys mqadmin's brokerStatus and
 * clusterList read (shared/protocol/05-admin.md sections 4.9 and 4.10), from the store, the pools and
 * the broker's counters. Rates are averages since start (no sliding windows yet), counters run since
 * start (no day boundaries yet). Every value is text; the numeric keys always parse. Thread-safe.
 */
final class BrokerRuntimeInfo {
    private static final String VERSION_DESC = "V5_3_3";

    private final BrokerContext context;
    private final BrokerExecutors pools;
    private final BrokerStats stats;

    BrokerRuntimeInfo(BrokerContext context, BrokerExecutors pools, BrokerStats stats) {
        this.context = context;
        this.pools = pools;
        this.stats = stats;
    }

    Map<String, String> snapshot() {
        long now = context.clock().millis();
        MessageStore store = context.store();
        Map<String, String> t = new TreeMap<>();
        t.put("brokerVersion", Integer.toString(RemotingVersion.CURRENT));
        t.put("brokerVersionDesc", VERSION_DESC);
        t.put("brokerActive", Boolean.toString(!"SLAVE".equals(context.config().brokerRole())));
        t.put("bootTimestamp", Long.toString(stats.bootTimestamp()));
        t.put("runtime", runtime(now - stats.bootTimestamp()));
        double seconds = Math.max(1, now - stats.bootTimestamp()) / 1000.0;
        String putTps = rate(stats.putMessages() / seconds);
        String getTps = rate(stats.gotMessages() / seconds);
        t.put("putTps", putTps);
        t.put("getTotalTps", getTps);
        t.put("getFoundTps", getTps);
        t.put("getMissTps", rate(0));
        t.put("getTransferredTps", getTps);
        counters(t, "msgPutTotal", stats.putMessages());
        counters(t, "msgGetTotal", stats.gotMessages());
        long puts = stats.putMessages();
        t.put("putMessageTimesTotal", Long.toString(puts));
        t.put("putMessageSizeTotal", Long.toString(stats.putBytes()));
        t.put("putMessageAverageSize", Double.toString(puts == 0 ? 0.0 : (double) stats.putBytes() / puts));
        t.put("putMessageFailedTimes", Long.toString(stats.putFailures()));
        t.put("commitLogMinOffset", Long.toString(store.commitLogMinOffset()));
        t.put("commitLogMaxOffset", Long.toString(store.commitLogMaxOffset()));
        t.put("dispatchBehindBytes", Long.toString(store.dispatchBehindBytes()));
        t.put("dispatchMaxBuffer", "0");
        t.put("remainHowManyDataToFlush",
                humanBytes(Math.max(0, store.commitLogMaxOffset() - store.commitLogFlushedOffset())));
        t.put("remainTransientStoreBufferNumbs", Integer.toString(Integer.MAX_VALUE));
        t.put("pageCacheLockTimeMills", "0");
        t.put("earliestMessageTimeStamp", Long.toString(earliestMessageTime(store, now)));
        t.put("startAcceptSendRequestTimeStamp", Long.toString(context.config().startAcceptSendRequestTimeStamp()));
        disk(t, store.config().commitLogDir(), store.config().consumeQueueDir());
        pool(t, "send", pools.send());
        pool(t, "pull", pools.pull());
        pool(t, "litePull", pools.pull());
        pool(t, "query", pools.query());
        t.put("EndTransactionQueueSize", "0");
        t.put("EndTransactionThreadPoolQueueCapacity", "0");
        for (String timerKey : new String[] {"timerReadBehind", "timerOffsetBehind", "timerCongestNum",
            "timerEnqueueTps", "timerDequeueTps"}) {
            t.put(timerKey, "0");
        }
        return t;
    }

    /** Store time of the oldest record in the CommitLog; now when there is none (an age of zero). */
    private static long earliestMessageTime(MessageStore store, long now) {
        ByteBuffer first = store.readRecord(store.commitLogMinOffset());
        if (first == null) {
            return now;
        }
        int sysFlag = first.getInt(first.position() + MessageRecordLayout.SYS_FLAG_OFFSET);
        return first.getLong(first.position() + MessageRecordLayout.storeTimestampOffset(sysFlag));
    }

    private static void counters(Map<String, String> t, String prefix, long sinceStart) {
        t.put(prefix + "TodayNow", Long.toString(sinceStart));
        t.put(prefix + "TodayMorning", "0");
        t.put(prefix + "YesterdayMorning", "0");
    }

    private static void pool(Map<String, String> t, String name, ThreadPoolExecutor pool) {
        int size = pool.getQueue().size();
        t.put(name + "ThreadPoolQueueSize", Integer.toString(size));
        t.put(name + "ThreadPoolQueueCapacity", Integer.toString(size + pool.getQueue().remainingCapacity()));
        t.put(name + "ThreadPoolQueueHeadWaitTimeMills", "0");
    }

    private static void disk(Map<String, String> t, Path commitLogDir, Path consumeQueueDir) {
        t.put("commitLogDiskRatio", ratio(commitLogDir));
        t.put("commitLogDiskRatio_" + commitLogDir, ratio(commitLogDir));
        t.put("consumeQueueDiskRatio", ratio(consumeQueueDir));
        try {
            FileStore fs = Files.getFileStore(existing(commitLogDir));
            t.put("commitLogDirCapacity", String.format(Locale.ROOT, "Total : %s, Free : %s.",
                    humanBytes(fs.getTotalSpace()), humanBytes(fs.getUsableSpace())));
        } catch (IOException e) {
            t.put("commitLogDirCapacity", "unknown: " + e.getMessage());
        }
    }

    /** The used fraction of the disk holding {@code dir}, as text; 0 when it cannot be read. */
    private static String ratio(Path dir) {
        try {
            FileStore fs = Files.getFileStore(existing(dir));
            long total = fs.getTotalSpace();
            double used = total <= 0 ? 0 : (double) (total - fs.getUsableSpace()) / total;
            return String.format(Locale.ROOT, "%.4f", used);
        } catch (IOException e) {
            return "0.0";
        }
    }

    private static Path existing(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? dir : p;
    }

    /** Three rates, as the official "last 10 s, 60 s, 600 s" value; here all three are the same. */
    private static String rate(double perSecond) {
        String r = String.format(Locale.ROOT, "%.2f", perSecond);
        return r + " " + r + " " + r;
    }

    static String runtime(long millis) {
        Duration d = Duration.ofMillis(Math.max(0, millis));
        return "[ " + d.toDays() + " days, " + d.toHoursPart() + " hours, " + d.toMinutesPart() + " minutes, "
                + d.toSecondsPart() + " seconds ]";
    }

    static String humanBytes(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
