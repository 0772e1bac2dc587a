package io.apogee.remoting.tls;

import java.util.Locale;

/** Whether a TLS server asks its clients for certificates ({@code tls.server.need.client.auth}). */
public enum ClientAuth {
    NONE, OPTIONAL, REQUIRE;

    public static ClientAuth parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("tls.server.need.client.auth must be none, optional or require, not: "
                    + name);
        }
    }
}
