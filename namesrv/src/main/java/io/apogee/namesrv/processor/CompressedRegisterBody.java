package io.apogee.namesrv.processor;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONException;
import io.apogee.remoting.protocol.body.BodyException;
import io.apogee.common.metadata.DataVersion;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.RegisterBrokerBody;
import io.apogee.common.metadata.TopicConfig;
import io.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.InflaterInputStream;

/**
 * Reads the zlib-compressed form of a registration body (shared/protocol/02-namesrv.md section 3.8).
 * Official 5.3.3 brokers never send it, older ones may. Inflation is capped so that a small hostile
 * body cannot claim unbounded memory. Stateless and thread-safe.
 */
final class CompressedRegisterBody {
    private static final int MAX_INFLATED = 64 * 1024 * 1024;

    private CompressedRegisterBody() {
    }

    static RegisterBrokerBody decode(byte[] body, boolean withMappings) throws BodyException {
        ByteBuffer in = ByteBuffer.wrap(inflate(body));
        try {
            DataVersion version = JsonBody.decode(chunk(in), DataVersion.class);
            int topicCount = count(in);
            Map<String, TopicConfig> topics = new HashMap<>();
            for (int i = 0; i < topicCount; i++) {
                TopicConfig topic = topicFromText(new String(chunk(in), StandardCharsets.UTF_8));
                topics.put(topic.topicName(), topic);
            }
            List<String> filterServers = JSON.parseArray(new String(chunk(in), StandardCharsets.UTF_8), String.class);
            Map<String, Object> mappings = new HashMap<>();
            if (withMappings && in.hasRemaining()) {
                int mappingCount = count(in);
                for (int i = 0; i < mappingCount; i++) {
                    Map<String, Object> info = JSON.parseObject(new String(chunk(in), StandardCharsets.UTF_8));
                    Object topic = info == null ? null : info.get("topic");
                    if (topic != null) {
                        mappings.put(topic.toString(), info);
                    }
                }
            }
            return new RegisterBrokerBody(new TopicConfigSerializeWrapper(version, null, topics, Map.of(), mappings),
                    filterServers);
        } catch (BufferUnderflowException | JSONException | NumberFormatException e) {
            throw new BodyException("the compressed registration body is malformed: " + e);
        }
    }

    private static byte[] inflate(byte[] body) throws BodyException {
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 4);
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (out.size() + n > MAX_INFLATED) {
                    throw new BodyException("the compressed registration body inflates past " + MAX_INFLATED + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new BodyException("the compressed registration body does not inflate: " + e.getMessage());
        }
    }

    private static byte[] chunk(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static int count(ByteBuffer in) {
        int count = in.getInt();
        if (count < 0 || count > in.remaining()) {
            throw new BufferUnderflowException();
        }
        return count;
    }

    /** {@code <name> <readQueueNums> <writeQueueNums> <perm> <filterType> [<attributes JSON>]}. */
    private static TopicConfig topicFromText(String text) {
        String[] parts = text.split(" ", 6);
        if (parts.length < 5) {
            throw new NumberFormatException("topic config text has " + parts.length + " parts: " + text);
        }
        Map<String, String> attributes = Map.of();
        if (parts.length == 6 && !parts[5].isBlank()) {
            Map<String, Object> parsed = JSON.parseObject(parts[5]);
            Map<String, String> strings = new HashMap<>();
            parsed.forEach((k, v) -> strings.put(k, String.valueOf(v)));
            attributes = strings;
        }
        return new TopicConfig(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                Integer.parseInt(parts[3]), parts[4], 0, false, attributes);
    }
}
