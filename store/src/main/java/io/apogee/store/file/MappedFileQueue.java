package io.apogee.store.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of equally sized {@link MappedFile}s that together form one contiguous address
 * space: the byte at address {@code a} lives in the file named {@code a - a % fileSize}.
 *
 * <p>Thread-safety: the file list is copy-on-write, so lookups never lock and see either the old
 * or the new list. Appending files, truncating and flushing must each come from one thread at a
 * time (the owner's writer, recovery, or the flusher); deleting the oldest files (cleanup) may run
 * concurrently with appends because it only touches the head of the list.
 */
public final class MappedFileQueue {
    private static final Logger LOG = LoggerFactory.getLogger(MappedFileQueue.class);

    private final Path directory;
    private final int fileSize;
    private final CopyOnWriteArrayList<MappedFile> files = new CopyOnWriteArrayList<>();

    public MappedFileQueue(Path directory, int fileSize) {
        if (fileSize <= 0) {
            throw new IllegalArgumentException("file size must be greater than zero, fileSize=" + fileSize);
        }
        this.directory = directory;
        this.fileSize = fileSize;
    }

    public Path directory() {
        return directory;
    }

    public int fileSize() {
        return fileSize;
    }

    /**
     * Maps the files found on disk, all assumed full until recovery says otherwise. An empty last
     * file (a crash right after creating it) is deleted; any other size mismatch is refused.
     */
    public void load() {
        List<Path> paths = new ArrayList<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> s = Files.list(directory)) {
                s.filter(p -> FileNames.parse(p.getFileName().toString()) >= 0).sorted().forEach(paths::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + directory, e);
            }
        }
        for (int i = 0; i < paths.size(); i++) {
            Path p = paths.get(i);
            long length = sizeOf(p);
            if (length == 0 && i == paths.size() - 1) {
                LOG.warn("deleting empty last mapped file {}", p);
                deleteQuietly(p);
                continue;
            }
            if (length != fileSize) {
                throw new IllegalStateException("mapped file length " + length
                        + " does not match the configured size " + fileSize + ": " + p);
            }
            MappedFile f = MappedFile.open(p, FileNames.parse(p.getFileName().toString()), fileSize);
            f.setWrotePosition(fileSize);
            f.setFlushedPosition(fileSize);
            files.add(f);
        }
    }

    public List<MappedFile> files() {
        return files;
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    public MappedFile first() {
        return files.isEmpty() ? null : files.get(0);
    }

    public MappedFile last() {
        return files.isEmpty() ? null : files.get(files.size() - 1);
    }

    /** The last file if it has room, else a new file following it (or starting at {@code startOffset}). */
    public MappedFile lastWritable(long startOffset) {
        MappedFile last = last();
        if (last != null && !last.isFull()) {
            return last;
        }
        long from = last == null ? startOffset - startOffset % fileSize : last.fromOffset() + fileSize;
        return create(from);
    }

    /** Creates and appends the file starting at {@code fromOffset}. Writer thread only. */
    public MappedFile create(long fromOffset) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        MappedFile f = MappedFile.open(directory.resolve(FileNames.of(fromOffset)), fromOffset, fileSize);
        files.add(f);
        return f;
    }

    /** The file holding {@code offset}, or null if none does. */
    public MappedFile find(long offset) {
        MappedFile first = first();
        if (first == null || offset < first.fromOffset()) {
            return null;
        }
        // The list may lose its head concurrently; retry the computed index a few times, bounded.
        for (int attempt = 0; attempt < 3; attempt++) {
            List<MappedFile> snapshot = files;
            if (snapshot.isEmpty()) {
                return null;
            }
            long index = (offset / fileSize) - (snapshot.get(0).fromOffset() / fileSize);
            if (index < 0) {
                return null;
            }
            if (index < snapshot.size()) {
                MappedFile f = snapshot.get((int) index);
                if (offset >= f.fromOffset() && offset < f.fromOffset() + fileSize) {
                    return f;
                }
            } else {
                return null;
            }
        }
        return null;
    }

    public long minOffset() {
        MappedFile first = first();
        return first == null ? 0 : first.fromOffset();
    }

    /** One past the last byte written. */
    public long maxOffset() {
        MappedFile last = last();
        return last == null ? 0 : last.fromOffset() + last.wrotePosition();
    }

    /** One past the last byte forced to disk. */
    public long flushedOffset() {
        List<MappedFile> snapshot = files;
        for (int i = snapshot.size() - 1; i >= 0; i--) {
            MappedFile f = snapshot.get(i);
            if (f.flushedPosition() > 0 || i == 0) {
                return f.fromOffset() + f.flushedPosition();
            }
        }
        return 0;
    }

    /** Dirty pages across all files not yet fully flushed. */
    public int dirtyPages() {
        int pages = 0;
        for (MappedFile f : files) {
            pages += f.dirtyPages();
        }
        return pages;
    }

    /** Forces every file with unflushed bytes; returns the flushed offset. Flusher thread only. */
    public long flush() {
        for (MappedFile f : files) {
            if (f.flushedPosition() < f.wrotePosition()) {
                f.flush();
            }
        }
        return flushedOffset();
    }

    /**
     * Cuts the queue at {@code offset}: later files are deleted, the file holding it ends there.
     * Used by recovery before anything else runs.
     */
    public void truncateTo(long offset) {
        for (MappedFile f : new ArrayList<>(files)) {
            long end = f.fromOffset() + fileSize;
            if (end <= offset) {
                continue;
            }
            if (f.fromOffset() > offset || (f.fromOffset() == offset && f != first())) {
                files.remove(f);
                f.delete();
                LOG.info("recovery deleted {} beyond offset {}", f.path(), offset);
            } else {
                int pos = (int) (offset - f.fromOffset());
                f.setWrotePosition(pos);
                f.setFlushedPosition(pos);
            }
        }
    }

    /** Removes and deletes the oldest file. Cleanup only. */
    public void deleteFirst(MappedFile expected) {
        if (files.remove(expected)) {
            expected.delete();
        }
    }

    /** Deletes all files, as when a consume queue is rebuilt from scratch. */
    public void destroy() {
        for (MappedFile f : new ArrayList<>(files)) {
            files.remove(f);
            f.delete();
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + p, e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("cannot delete {}", p, e);
        }
    }
}
