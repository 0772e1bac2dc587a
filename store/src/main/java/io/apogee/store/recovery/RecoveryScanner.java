package io.apogee.store.recovery;

import static io.apogee.common.message.MessageRecordLayout.BLANK_MAGIC_CODE;
import static io.apogee.common.message.MessageRecordLayout.MAGIC_OFFSET;

import io.apogee.common.message.CorruptRecordException;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageRecordDecoder;
import io.apogee.store.file.MappedFile;
import io.apogee.store.file.MappedFileQueue;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks the CommitLog forward from a file boundary and finds the end of valid data: the first
 * record that is torn, fails its CRC, does not add up, or does not carry its own offset. Each
 * valid record is handed to a consumer (the dispatcher) on the way.
 *
 * <p>Not thread-safe; runs once, before the store accepts puts.
 */
public final class RecoveryScanner {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryScanner.class);

    private final MappedFileQueue files;
    private final boolean checkCrc;

    /** What a scan found. */
    public record Result(long endOffset, long records, long lastStoreTimestamp) {
    }

    public RecoveryScanner(MappedFileQueue files, boolean checkCrc) {
        this.files = files;
        this.checkCrc = checkCrc;
    }

    /** Scans from the start of the file at index {@code fromFile}. */
    public Result scan(int fromFile, Consumer<MessageRecord> onRecord) {
        List<MappedFile> all = files.files();
        if (all.isEmpty()) {
            return new Result(0, 0, 0);
        }
        long records = 0;
        long lastTimestamp = 0;
        for (int i = Math.max(0, fromFile); i < all.size(); i++) {
            MappedFile file = all.get(i);
            ByteBuffer buf = file.buffer();
            int pos = 0;
            // Each record is at least 8 bytes long, so the file bounds the loop.
            while (true) {
                if (pos + 8 > file.size()) {
                    return new Result(file.fromOffset() + pos, records, lastTimestamp);
                }
                int magic = buf.getInt(pos + MAGIC_OFFSET);
                if (magic == BLANK_MAGIC_CODE) {
                    break;
                }
                MessageRecord r;
                try {
                    r = MessageRecordDecoder.decode(buf, pos, false, checkCrc);
                } catch (CorruptRecordException e) {
                    if (buf.getLong(pos) != 0) {
                        LOG.warn("CommitLog ends at offset {}: {}", file.fromOffset() + pos, e.getMessage());
                    }
                    return new Result(file.fromOffset() + pos, records, lastTimestamp);
                }
                if (r.physicalOffset() != file.fromOffset() + pos) {
                    LOG.warn("CommitLog ends at offset {}: record claims offset {}", file.fromOffset() + pos,
                            r.physicalOffset());
                    return new Result(file.fromOffset() + pos, records, lastTimestamp);
                }
                onRecord.accept(r);
                records++;
                lastTimestamp = r.storeTimestamp();
                pos += r.storeSize();
            }
            if (i == all.size() - 1) {
                return new Result(file.fromOffset() + file.size(), records, lastTimestamp);
            }
        }
        MappedFile last = all.get(all.size() - 1);
        return new Result(last.fromOffset() + last.size(), records, lastTimestamp);
    }
}
