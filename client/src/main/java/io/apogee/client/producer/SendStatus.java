package io.apogee.client.producer;

/**
 * How a broker stored a sent message. Anything but {@link #SEND_OK} means it is stored on the master
 * but its flush or replication did not finish in time; the send is not retried. Thread-safe.
 */
public enum SendStatus {
    SEND_OK,
    FLUSH_DISK_TIMEOUT,
    FLUSH_SLAVE_TIMEOUT,
    SLAVE_NOT_AVAILABLE
}
