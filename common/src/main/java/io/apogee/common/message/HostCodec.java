package io.apogee.common.message;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * A host field of the stored record: the raw IP address (4 or 16 bytes) then the port as an int.
 *
 * <p>Stateless and thread-safe.
 */
public final class HostCodec {
    private HostCodec() {
    }

    public static boolean isV6(InetSocketAddress address) {
        return rawAddress(address).length == 16;
    }

    public static byte[] rawAddress(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("host must be a resolved address, host=" + address);
        }
        return ip.getAddress();
    }

    /** Writes at an absolute position and returns the number of bytes written. */
    public static int write(ByteBuffer dst, int position, InetSocketAddress address) {
        byte[] raw = rawAddress(address);
        dst.put(position, raw);
        dst.putInt(position + raw.length, address.getPort());
        return raw.length + 4;
    }

    public static InetSocketAddress read(ByteBuffer src, int position, boolean v6) {
        byte[] raw = new byte[v6 ? 16 : 4];
        src.get(position, raw);
        int port = src.getInt(position + raw.length);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(raw), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("raw address of legal length rejected", e);
        }
    }
}
