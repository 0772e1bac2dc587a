package io.apogee.remoting.protocol.body;

import com.alibaba.fastjson2.JSON;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes maps keyed by {@link MessageQueue} the way the official peers do: the key is a bare JSON
 * object, {@code {{"brokerName":"b","queueId":1,"topic":"t"}:42}}. That is not valid JSON, but it is
 * what fastjson 1.x writes and what mqadmin's decoder accepts without doubt (protocol 05 section 1.2,
 * 03 appendix B.1), so bodies that hold such a map are written through here rather than by
 * {@link JsonBody}. Entries go out sorted by queue for stable output. Stateless and thread-safe.
 */
public final class MessageQueueKeyedJson {
    private MessageQueueKeyedJson() {
    }

    /** Appends {@code map} as a JSON object with object keys; values as {@link JsonBody} writes them. */
    public static void writeMap(StringBuilder out, Map<MessageQueue, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<MessageQueue, ?> e : new TreeMap<>(map).entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeKey(out, e.getKey());
            out.append(':').append(value(e.getValue()));
        }
        out.append('}');
    }

    /** The key form: fields in name order, as fastjson writes a MessageQueue. */
    static void writeKey(StringBuilder out, MessageQueue queue) {
        out.append("{\"brokerName\":").append(JSON.toJSONString(queue.brokerName()))
                .append(",\"queueId\":").append(queue.queueId())
                .append(",\"topic\":").append(JSON.toJSONString(queue.topic())).append('}');
    }

    /** A field name and a colon, for the writers of the bodies around the map. */
    public static StringBuilder field(StringBuilder out, String name) {
        return out.append('"').append(name).append("\":");
    }

    /** A double as fastjson writes one ({@code 0.0}, never {@code 0}). */
    public static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "0.0";
    }

    private static String value(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return new String(JsonBody.encode(value), StandardCharsets.UTF_8);
    }

    public static byte[] bytes(StringBuilder out) {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
