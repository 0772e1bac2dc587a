package io.apogee.store.index;

import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageSysFlag;
import io.apogee.common.message.PropertyNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index files under {@code index/}: indexes each dispatched record by {@code UNIQ_KEY} and by
 * every token of {@code KEYS}, rolls to a new file when one is full, answers key queries newest
 * file first, and drops files whose records the CommitLog no longer has.
 *
 * <p>Thread-safety: {@link #index} is called by the dispatcher only; {@link #query} and the
 * cleanup may run concurrently (the file list is copy-on-write and each file locks itself).
 */
public final class IndexService {
    private static final Logger LOG = LoggerFactory.getLogger(IndexService.class);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

    private final Path directory;
    private final int slotCount;
    private final int maxIndexCount;
    private final Clock clock;
    private final LongConsumer onRolled;
    private final CopyOnWriteArrayList<IndexFile> files = new CopyOnWriteArrayList<>();
    private long maxIndexedOffset = -1;

    /** @param onRolled told the end timestamp of a file that became full and was flushed */
    public IndexService(Path directory, int slotCount, int maxIndexCount, Clock clock, LongConsumer onRolled) {
        this.directory = directory;
        this.slotCount = slotCount;
        this.maxIndexCount = maxIndexCount;
        this.clock = clock;
        this.onRolled = onRolled;
    }

    public void load() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> s = Files.list(directory)) {
            for (Path p : s.filter(p -> p.getFileName().toString().matches("\\d{17}")).sorted().toList()) {
                if (Files.size(p) != IndexFileLayout.fileSize(slotCount, maxIndexCount)) {
                    throw new IllegalStateException("index file length does not match maxHashSlotNum/maxIndexNum: " + p);
                }
                IndexFile f = IndexFile.open(p, slotCount, maxIndexCount);
                files.add(f);
                if (f.entryCount() > 0) {
                    maxIndexedOffset = Math.max(maxIndexedOffset, f.endPhysicalOffset());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load index files from " + directory, e);
        }
    }

    /** Indexes one dispatched record; records at or below the last indexed offset are replays. */
    public void index(MessageRecord record) {
        if (MessageSysFlag.transactionType(record.sysFlag()) == MessageSysFlag.TRANSACTION_ROLLBACK_TYPE
                || record.physicalOffset() <= maxIndexedOffset) {
            return;
        }
        String uniq = record.property(PropertyNames.UNIQ_KEY);
        String keys = record.property(PropertyNames.KEYS);
        if (uniq == null && keys == null) {
            return;
        }
        if (uniq != null && !uniq.isEmpty()) {
            put(IndexFileLayout.key(record.topic(), uniq), record);
        }
        if (keys != null) {
            for (String k : keys.split(PropertyNames.KEY_SEPARATOR)) {
                if (!k.isEmpty()) {
                    put(IndexFileLayout.key(record.topic(), k), record);
                }
            }
        }
        maxIndexedOffset = record.physicalOffset();
    }

    private void put(String key, MessageRecord record) {
        IndexFile f = writable();
        if (!f.put(key, record.physicalOffset(), record.storeTimestamp())) {
            f = roll(f);
            f.put(key, record.physicalOffset(), record.storeTimestamp());
        }
    }

    private IndexFile writable() {
        IndexFile last = files.isEmpty() ? null : files.get(files.size() - 1);
        if (last == null) {
            return create(0, 0);
        }
        return last.isFull() ? roll(last) : last;
    }

    private IndexFile roll(IndexFile full) {
        IndexFile next = create(full.endPhysicalOffset(), full.endTimestamp());
        full.flush();
        onRolled.accept(full.endTimestamp());
        return next;
    }

    private IndexFile create(long inheritedOffset, long inheritedTimestamp) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        String name = LocalDateTime.ofInstant(clock.instant(), clock.getZone()).format(NAME);
        Path path = directory.resolve(name);
        // Two rolls within one millisecond would collide on the name; bounded retry with +1 ms names.
        for (int i = 1; Files.exists(path) && i < 1000; i++) {
            path = directory.resolve(LocalDateTime.ofInstant(clock.instant().plusMillis(i), clock.getZone())
                    .format(NAME));
        }
        IndexFile f = IndexFile.create(path, slotCount, maxIndexCount, inheritedOffset, inheritedTimestamp);
        files.add(f);
        return f;
    }

    /**
     * Offsets of records whose key hashes like {@code topic#key} and whose store time lies in
     * [begin, end], newest first, at most {@code maxCount}. Hash collisions are possible: callers
     * check the key on the records they read.
     */
    public List<Long> query(String topic, String key, int maxCount, long begin, long end) {
        List<Long> out = new ArrayList<>();
        String k = IndexFileLayout.key(topic, key);
        for (int i = files.size() - 1; i >= 0 && out.size() < maxCount; i--) {
            IndexFile f = files.get(i);
            if (f.overlaps(begin, end)) {
                f.query(k, begin, end, maxCount, out);
            }
            if (f.beginTimestamp() < begin) {
                break;
            }
        }
        return out;
    }

    /** After the CommitLog lost its tail: records appended again at those offsets must be indexed. */
    public void truncateAbove(long commitLogEnd) {
        for (IndexFile f : files) {
            f.clampEndOffset(commitLogEnd);
        }
        maxIndexedOffset = Math.min(maxIndexedOffset, commitLogEnd - 1);
    }

    /** Deletes files, except the newest, whose last record lies below {@code commitLogMinOffset}. */
    public int deleteBelow(long commitLogMinOffset) {
        int deleted = 0;
        for (IndexFile f : new ArrayList<>(files)) {
            if (f == files.get(files.size() - 1) || f.endPhysicalOffset() >= commitLogMinOffset) {
                break;
            }
            files.remove(f);
            f.delete();
            deleted++;
            LOG.info("deleted index file {}", f.path());
        }
        return deleted;
    }

    public List<IndexFile> files() {
        return files;
    }

    /** Forces the newest file; older ones were forced when they filled up. */
    public void flush() {
        if (!files.isEmpty()) {
            files.get(files.size() - 1).flush();
        }
    }
}
