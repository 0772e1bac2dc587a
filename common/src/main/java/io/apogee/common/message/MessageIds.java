package io.apogee.common.message;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Offset message ids: uppercase hex of store IP (4 or 16 bytes), store port (int) and CommitLog
 * offset (long) — 32 hex characters for IPv4, 56 for IPv6.
 *
 * <p>Stateless and thread-safe.
 */
public final class MessageIds {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final int IPV4_ID_LENGTH = 32;

    private MessageIds() {
    }

    /** A decoded offset message id. */
    public record OffsetMessageId(InetSocketAddress storeHost, long offset) {
    }

    public static String offsetMessageId(InetSocketAddress storeHost, long offset) {
        byte[] ip = HostCodec.rawAddress(storeHost);
        ByteBuffer buf = ByteBuffer.allocate(ip.length + 12);
        buf.put(ip).putInt(storeHost.getPort()).putLong(offset);
        return HEX.formatHex(buf.array());
    }

    /** Reads an id; exactly 32 characters means IPv4, anything else IPv6, as clients read it. */
    public static OffsetMessageId decode(String id) {
        int ipLength = id.length() == IPV4_ID_LENGTH ? 4 : 16;
        byte[] raw;
        try {
            raw = HEX.parseHex(id.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a hex message id, id=" + id, e);
        }
        if (raw.length != ipLength + 12) {
            throw new IllegalArgumentException("bad offset message id length " + id.length() + ", id=" + id);
        }
        ByteBuffer buf = ByteBuffer.wrap(raw);
        byte[] ip = new byte[ipLength];
        buf.get(ip);
        int port = buf.getInt();
        long offset = buf.getLong();
        try {
            return new OffsetMessageId(new InetSocketAddress(InetAddress.getByAddress(ip), port), offset);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("raw address of legal length rejected", e);
        }
    }
}
