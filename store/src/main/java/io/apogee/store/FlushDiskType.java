package io.apogee.store;

/** When a put counts as stored: in the page cache, or forced to disk. Immutable (an enum). */
public enum FlushDiskType {
    ASYNC_FLUSH,
    SYNC_FLUSH
}
