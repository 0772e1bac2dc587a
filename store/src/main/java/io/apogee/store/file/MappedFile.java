package io.apogee.store.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One fixed-size file of a {@link MappedFileQueue}, mapped into memory whole. The file is named by
 * the address of its first byte ({@link FileNames}) and never changes size, so a mapping can never
 * point past the end of the file and a slice handed to a socket can never fault.
 *
 * <p>Thread-safety: one writer (the owner of the queue) appends with absolute puts and then
 * publishes the new end through the volatile {@link #wrotePosition()}; any number of readers may
 * read below that position concurrently. {@link #flush()} may run on another thread. Mappings are
 * released by the garbage collector, never explicitly, because readers may still hold slices.
 */
public final class MappedFile {
    public static final int OS_PAGE_SIZE = 4096;

    private final Path path;
    private final long fromOffset;
    private final int size;
    private final MappedByteBuffer buffer;
    private volatile int wrotePosition;
    private volatile int flushedPosition;

    private MappedFile(Path path, long fromOffset, int size, MappedByteBuffer buffer) {
        this.path = path;
        this.fromOffset = fromOffset;
        this.size = size;
        this.buffer = buffer;
    }

    /** Opens or creates the file with exactly {@code size} bytes and maps it. */
    public static MappedFile open(Path path, long fromOffset, int size) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            if (channel.size() != size) {
                // New files are extended sparsely; existing ones were checked by the queue loader.
                channel.truncate(size);
                channel.write(ByteBuffer.wrap(new byte[1]), size - 1L);
            }
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            return new MappedFile(path, fromOffset, size, map);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + path + " of size " + size, e);
        }
    }

    public Path path() {
        return path;
    }

    /** Address of the first byte in the queue's address space. */
    public long fromOffset() {
        return fromOffset;
    }

    public int size() {
        return size;
    }

    public int wrotePosition() {
        return wrotePosition;
    }

    /** Publishes bytes written below {@code position} to readers. Writer thread only. */
    public void setWrotePosition(int position) {
        checkPosition(position);
        this.wrotePosition = position;
    }

    public int flushedPosition() {
        return flushedPosition;
    }

    /** Used by recovery to declare how much of the file is known to be on disk. */
    public void setFlushedPosition(int position) {
        checkPosition(position);
        this.flushedPosition = position;
    }

    public boolean isFull() {
        return wrotePosition == size;
    }

    public int freeBytes() {
        return size - wrotePosition;
    }

    /**
     * The mapping itself, for the writer's absolute puts and for small absolute reads. Never move
     * its position or limit: it is shared by all threads. Views for callers come from {@link #slice}.
     */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** A read-only view of {@code length} bytes at {@code position}; no copy is made. */
    public ByteBuffer slice(int position, int length) {
        return buffer.slice(position, length).asReadOnlyBuffer();
    }

    /** Dirty bytes, in pages, that a flush would force now. */
    public int dirtyPages() {
        return (wrotePosition - flushedPosition) / OS_PAGE_SIZE;
    }

    /** Forces everything written so far to disk and returns the new flushed position. */
    public int flush() {
        int target = wrotePosition;
        int from = flushedPosition;
        if (target > from) {
            buffer.force(from, target - from);
            flushedPosition = target;
        }
        return target;
    }

    public long lastModifiedMillis() {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Deletes the file; the mapping stays valid for readers still holding slices. */
    public void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    private void checkPosition(int position) {
        if (position < 0 || position > size) {
            throw new IllegalArgumentException("position out of file, position=" + position + ", size=" + size
                    + ", file=" + path);
        }
    }

    @Override
    public String toString() {
        return "MappedFile{" + path.getFileName() + ", wrote=" + wrotePosition + ", flushed=" + flushedPosition + '}';
    }
}
