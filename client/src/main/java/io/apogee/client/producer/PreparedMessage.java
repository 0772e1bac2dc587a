package io.apogee.client.producer;

import java.nio.ByteBuffer;

/**
 * A message (or a batch) made ready for the wire: its properties encoded, its unique key assigned, its
 * body compressed or batch-encoded. Built once per send and reused by every attempt, so retries send
 * exactly the same bytes. Immutable (the body views are read-only).
 *
 * @param msgId what the caller gets as {@code SendResult.msgId}
 * @param body the bytes to send, read-only
 */
record PreparedMessage(String topic, String properties, ByteBuffer body, int sysFlag, int flag, long bornTimestamp,
        boolean batch, String msgId) {
}
