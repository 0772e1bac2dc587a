package io.apogee.store;

import io.apogee.common.message.MessageRecord;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds messages as the broker would hand them to the store. */
public final class TestMessages {
    public static final InetSocketAddress BORN = new InetSocketAddress("127.0.0.1", 50000);
    public static final InetSocketAddress STORE = new InetSocketAddress("127.0.0.1", 10911);

    private TestMessages() {
    }

    public static MessageRecord.Builder message(String topic, int queueId, String body) {
        return message(topic, queueId, body.getBytes(StandardCharsets.UTF_8), null, null);
    }

    public static MessageRecord.Builder message(String topic, int queueId, byte[] body, String tags, String keys) {
        Map<String, String> props = new LinkedHashMap<>();
        if (tags != null) {
            props.put("TAGS", tags);
        }
        if (keys != null) {
            props.put("KEYS", keys);
        }
        props.put("WAIT", "true");
        return MessageRecord.builder().topic(topic).queueId(queueId).body(body).properties(props)
                .bornTimestamp(System.currentTimeMillis()).bornHost(BORN).storeHost(STORE);
    }
}
