package io.apogee.store.commitlog;

import io.apogee.common.message.MessageIds;
import java.net.InetSocketAddress;

/**
 * What one append wrote: the physical offset and length of its records (a batch writes several
 * contiguous ones), the first queue offset, how many messages, and the store time.
 *
 * <p>Immutable and thread-safe.
 */
public record AppendResult(long wroteOffset, int wroteBytes, long queueOffset, int messageCount,
                           long storeTimestamp, InetSocketAddress storeHost) {

    /** One past the last byte written: what a synchronous flush must reach. */
    public long nextOffset() {
        return wroteOffset + wroteBytes;
    }

    /** The offset message id of the first record. */
    public String offsetMessageId() {
        return MessageIds.offsetMessageId(storeHost, wroteOffset);
    }
}
