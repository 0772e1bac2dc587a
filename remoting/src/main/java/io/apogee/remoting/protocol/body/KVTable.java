package io.apogee.remoting.protocol.body;

import java.util.Map;

/** Key-value pairs of one namespace. */
public record KVTable(Map<String, String> table) {
    public KVTable {
        table = table == null ? Map.of() : table;
    }
}
