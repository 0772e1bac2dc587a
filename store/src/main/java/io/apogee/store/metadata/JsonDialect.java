package io.apogee.store.metadata;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONObject;
import com.alibaba.fastjson2.JSONReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The JSON dialect of RocketMQ's metadata files (fastjson 1.x, pretty): tab indentation, object
 * fields sorted by name, no spaces around {@code :}, and map keys that are numbers written
 * without quotes ({@code {0:27456,1:27504}}). The reader accepts that and standard JSON.
 *
 * <p>Stateless and thread-safe. Trees are {@code Map} (String or Number keys), {@code Collection},
 * {@code String}, {@code Number}, {@code Boolean} or null.
 */
public final class JsonDialect {
    private JsonDialect() {
    }

    public static String write(Object tree) {
        StringBuilder sb = new StringBuilder(256);
        write(sb, tree, 0);
        return sb.toString();
    }

    /** Parses a file's text; null if it is empty or not JSON (callers then try the backup). */
    public static JSONObject parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.parseObject(text, JSONReader.Feature.AllowUnQuotedFieldNames);
        } catch (JSONException e) {
            return null;
        }
    }

    private static void write(StringBuilder sb, Object v, int depth) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Map<?, ?> map) {
            writeMap(sb, map, depth);
        } else if (v instanceof Collection<?> list) {
            writeList(sb, list, depth);
        } else if (v instanceof String s) {
            sb.append(JSON.toJSONString(s));
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as metadata JSON");
        }
    }

    private static void writeMap(StringBuilder sb, Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            sb.append("{}");
            return;
        }
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        entries.sort((a, b) -> compareKeys(a.getKey(), b.getKey()));
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : entries) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            newline(sb, depth + 1);
            Object key = e.getKey();
            if (key instanceof Number) {
                sb.append(key);
            } else {
                sb.append(JSON.toJSONString(String.valueOf(key)));
            }
            sb.append(':');
            write(sb, e.getValue(), depth + 1);
        }
        newline(sb, depth);
        sb.append('}');
    }

    private static void writeList(StringBuilder sb, Collection<?> list, int depth) {
        if (list.isEmpty()) {
            sb.append("[]");
            return;
        }
        sb.append('[');
        boolean first = true;
        for (Object o : list) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            newline(sb, depth + 1);
            write(sb, o, depth + 1);
        }
        newline(sb, depth);
        sb.append(']');
    }

    private static int compareKeys(Object a, Object b) {
        if (a instanceof Number na && b instanceof Number nb) {
            return Long.compare(na.longValue(), nb.longValue());
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    private static void newline(StringBuilder sb, int depth) {
        sb.append('\n');
        sb.append("\t".repeat(depth));
    }
}
