package io.apogee.store;

/**
 * Outcome of a put, with RocketMQ's names so the broker can map each to its response code.
 * The "stored, but" statuses ({@link #isStored()}) mean the message is in the CommitLog.
 * Immutable (an enum).
 */
public enum PutMessageStatus {
    PUT_OK,
    FLUSH_DISK_TIMEOUT,
    FLUSH_SLAVE_TIMEOUT,
    SLAVE_NOT_AVAILABLE,
    SERVICE_NOT_AVAILABLE,
    CREATE_MAPPED_FILE_FAILED,
    MESSAGE_ILLEGAL,
    PROPERTIES_SIZE_EXCEEDED,
    OS_PAGE_CACHE_BUSY,
    UNKNOWN_ERROR;

    /** True when the message was appended, whether or not the flush finished in time. */
    public boolean isStored() {
        return this == PUT_OK || this == FLUSH_DISK_TIMEOUT || this == FLUSH_SLAVE_TIMEOUT
                || this == SLAVE_NOT_AVAILABLE;
    }
}
