package io.apogee.store;

import io.apogee.store.commitlog.AppendResult;

/**
 * Result of a put: a status, what was appended (null when nothing was), and a remark for the
 * client explaining a refusal (empty on success).
 *
 * <p>Immutable and thread-safe.
 */
public record PutMessageResult(PutMessageStatus status, AppendResult append, String remark) {

    public static PutMessageResult refused(PutMessageStatus status, String remark) {
        return new PutMessageResult(status, null, remark);
    }

    public static PutMessageResult stored(PutMessageStatus status, AppendResult append) {
        return new PutMessageResult(status, append, "");
    }

    public boolean isOk() {
        return status == PutMessageStatus.PUT_OK;
    }
}
