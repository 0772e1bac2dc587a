package io.apogee.store.metadata;

import com.alibaba.fastjson2.JSONObject;
import java.util.Map;
import java.util.TreeMap;

/** Reads {@code {0:27456,1:27504}} maps; stateless and thread-safe. */
final class OffsetMaps {
    private OffsetMaps() {
    }

    static Map<Integer, Long> read(JSONObject o) {
        Map<Integer, Long> m = new TreeMap<>();
        if (o != null) {
            for (String k : o.keySet()) {
                try {
                    m.put(Integer.parseInt(k.trim()), o.getLongValue(k));
                } catch (NumberFormatException e) {
                    // Not a queue id: not ours to interpret, and never written by a broker.
                }
            }
        }
        return m;
    }
}
