package io.apogee.store.metadata;

import com.alibaba.fastjson2.JSONObject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code dataVersion} every metadata file carries; {@code counter} grows with each change.
 *
 * <p>Immutable and thread-safe.
 */
public record DataVersion(long counter, long stateVersion, long timestamp) {

    public static DataVersion initial(Clock clock) {
        return new DataVersion(0, 0, clock.millis());
    }

    public DataVersion next(Clock clock) {
        return new DataVersion(counter + 1, stateVersion, clock.millis());
    }

    Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("counter", counter);
        m.put("stateVersion", stateVersion);
        m.put("timestamp", timestamp);
        return m;
    }

    static DataVersion fromJson(JSONObject o, Clock clock) {
        if (o == null) {
            return initial(clock);
        }
        return new DataVersion(o.getLongValue("counter"), o.getLongValue("stateVersion"), o.getLongValue("timestamp"));
    }
}
