package io.apogee.remoting.tls;

import java.util.Locale;

/** How a server treats TLS on its port ({@code tls.server.mode}). Immutable. */
public enum TlsMode {
    /** Plaintext only; a TLS handshake is refused and its connection closed. */
    DISABLED,
    /** TLS and plaintext on one port, told apart by the first byte of the connection. */
    PERMISSIVE,
    /** TLS only; a plaintext connection is closed. */
    ENFORCING;

    /** Reads RocketMQ's lower-case names. */
    public static TlsMode parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("tls.server.mode must be disabled, permissive or enforcing, not: "
                    + name);
        }
    }
}
