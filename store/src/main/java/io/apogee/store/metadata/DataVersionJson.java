package io.apogee.store.metadata;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.common.metadata.DataVersion;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code dataVersion} object every metadata file carries, read and written. Stateless. */
final class DataVersionJson {
    private DataVersionJson() {
    }

    static Map<String, Object> toTree(DataVersion version) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("counter", version.counter());
        m.put("stateVersion", version.stateVersion());
        m.put("timestamp", version.timestamp());
        return m;
    }

    /** The version in {@code o}, or a fresh one when the file has none. */
    static DataVersion fromJson(JSONObject o, Clock clock) {
        if (o == null) {
            return DataVersion.initial(clock.millis());
        }
        return new DataVersion(o.getLongValue("stateVersion"), o.getLongValue("timestamp"), o.getLongValue("counter"));
    }
}
