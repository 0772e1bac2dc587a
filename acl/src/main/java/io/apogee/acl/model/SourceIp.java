package io.apogee.acl.model;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A policy's source-address condition: one address (matched by exact text, as RocketMQ does) or a CIDR
 * range (matched numerically, IPv4 or IPv6). Never resolves host names. Immutable.
 */
public final class SourceIp {
    private final String text;
    private final byte[] network;
    private final int prefixBits;

    private SourceIp(String text, byte[] network, int prefixBits) {
        this.text = text;
        this.network = network;
        this.prefixBits = prefixBits;
    }

    /**
     * @throws IllegalArgumentException {@code The source ip is invalid.} with the value
     */
    public static SourceIp parse(String value) {
        String text = value == null ? "" : value.trim();
        int slash = text.indexOf('/');
        if (slash < 0) {
            if (literal(text) == null) {
                throw invalid(text);
            }
            return new SourceIp(text, null, -1);
        }
        byte[] network = literal(text.substring(0, slash));
        int bits;
        try {
            bits = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
        if (network == null || bits < 0 || bits > network.length * 8) {
            throw invalid(text);
        }
        return new SourceIp(text, network, bits);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("The source ip is invalid. (" + text + ")");
    }

    /** The bytes of an IP literal, or null when {@code text} is not one (no DNS lookup is made). */
    static byte[] literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return null;
        }
        boolean v6 = text.indexOf(':') >= 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = Character.digit(c, 16) >= 0 || c == '.' || c == ':';
            if (!ok || (!v6 && !(Character.isDigit(c) || c == '.'))) {
                return null;
            }
        }
        if (!v6 && text.split("\\.", -1).length != 4) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether the caller's address (without port or brackets) satisfies this condition. */
    public boolean matches(String address) {
        if (network == null) {
            return text.equals(address);
        }
        byte[] candidate = literal(address);
        if (candidate == null || candidate.length != network.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (candidate[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SourceIp ip && ip.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
