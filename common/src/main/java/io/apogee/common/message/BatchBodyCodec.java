package io.apogee.common.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a batch send: entries back to back, each laid out as
 *
 * <pre>
 *  +------------+-------------+-------------+--------+----------------+-------------------------+
 *  | TOTALSIZE 4| MAGICCODE 4 | BODYCRC 4   | FLAG 4 | BODYLEN 4 BODY | PROPSLEN 2 PROPERTIES   |
 *  +------------+-------------+-------------+--------+----------------+-------------------------+
 * </pre>
 *
 * MAGICCODE and BODYCRC are written as 0 and ignored on read: the broker computes its own CRC.
 *
 * <p>Stateless and thread-safe.
 */
public final class BatchBodyCodec {
    private static final int FIXED_LENGTH = 4 + 4 + 4 + 4 + 4 + 2;

    private BatchBodyCodec() {
    }

    public static byte[] encode(List<BatchEntry> entries) {
        List<byte[]> props = new ArrayList<>(entries.size());
        int total = 0;
        for (BatchEntry e : entries) {
            byte[] p = (e.properties() == null ? "" : e.properties()).getBytes(StandardCharsets.UTF_8);
            if (p.length > MessageRecordLayout.MAX_PROPERTIES_LENGTH) {
                throw new IllegalArgumentException("batch entry properties too long, utf8Length=" + p.length);
            }
            props.add(p);
            total += FIXED_LENGTH + e.body().length + p.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(total);
        for (int i = 0; i < entries.size(); i++) {
            BatchEntry e = entries.get(i);
            byte[] p = props.get(i);
            buf.putInt(FIXED_LENGTH + e.body().length + p.length).putInt(0).putInt(0).putInt(e.flag());
            buf.putInt(e.body().length).put(e.body());
            buf.putShort((short) p.length).put(p);
        }
        return buf.array();
    }

    /**
     * The properties a batch entry is stored with: the entry's own, then the batch header's (to which
     * the broker has added its own properties), with a separator between them if the entry's string
     * lacks its trailing one. Because the header's {@code UNIQ_KEY} comes last, it wins on decode,
     * as consumers of the official broker observe.
     */
    public static String storedProperties(String entryProperties, String batchProperties) {
        String entry = entryProperties == null ? "" : entryProperties;
        String batch = batchProperties == null ? "" : batchProperties;
        if (entry.isEmpty()) {
            return batch;
        }
        if (batch.isEmpty()) {
            return entry;
        }
        return entry.charAt(entry.length() - 1) == MessageProperties.PROPERTY_SEPARATOR
                ? entry + batch
                : entry + MessageProperties.PROPERTY_SEPARATOR + batch;
    }

    /** @throws CorruptRecordException if an entry's lengths do not add up */
    public static List<BatchEntry> decode(byte[] body) {
        ByteBuffer buf = ByteBuffer.wrap(body);
        List<BatchEntry> out = new ArrayList<>();
        while (buf.hasRemaining()) {
            int start = buf.position();
            if (buf.remaining() < FIXED_LENGTH) {
                throw new CorruptRecordException("batch entry truncated at pos=" + start);
            }
            int totalSize = buf.getInt();
            buf.getInt();
            buf.getInt();
            int flag = buf.getInt();
            int bodyLength = buf.getInt();
            if (bodyLength < 0 || bodyLength > buf.remaining() - 2) {
                throw new CorruptRecordException("bad batch body length " + bodyLength + " at pos=" + start);
            }
            byte[] b = new byte[bodyLength];
            buf.get(b);
            int propsLength = buf.getShort();
            if (propsLength < 0 || propsLength > buf.remaining()) {
                throw new CorruptRecordException("bad batch properties length " + propsLength + " at pos=" + start);
            }
            byte[] p = new byte[propsLength];
            buf.get(p);
            if (buf.position() - start != totalSize) {
                throw new CorruptRecordException("batch entry size " + totalSize + " does not match fields at pos="
                        + start);
            }
            out.add(new BatchEntry(flag, b, new String(p, StandardCharsets.UTF_8)));
        }
        return out;
    }
}
