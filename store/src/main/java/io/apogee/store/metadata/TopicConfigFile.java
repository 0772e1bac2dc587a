package io.apogee.store.metadata;

import io.apogee.common.metadata.DataVersion;
import io.apogee.common.metadata.TopicConfig;
import com.alibaba.fastjson2.JSONObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code config/topics.json}: {@code {"dataVersion":{...},"topicConfigTable":{name: TopicConfig}}}.
 *
 * <p>Thread-safety: as {@link MetadataFile}; callers serialise saves.
 */
public final class TopicConfigFile {
    private final MetadataFile file;
    private final Clock clock;

    /** The file's content. */
    public record Contents(DataVersion dataVersion, Map<String, TopicConfig> topics) {
        public Contents {
            topics = Map.copyOf(topics);
        }
    }

    public TopicConfigFile(Path configDir, Clock clock) {
        this.file = new MetadataFile(configDir.resolve("topics.json"));
        this.clock = clock;
    }

    public Contents load() {
        JSONObject root = file.read();
        Map<String, TopicConfig> topics = new LinkedHashMap<>();
        if (root == null) {
            return new Contents(DataVersion.initial(clock.millis()), topics);
        }
        JSONObject table = root.getJSONObject("topicConfigTable");
        if (table != null) {
            for (String name : table.keySet()) {
                JSONObject t = table.getJSONObject(name);
                Map<String, String> attrs = new LinkedHashMap<>();
                JSONObject a = t.getJSONObject("attributes");
                if (a != null) {
                    a.forEach((k, v) -> attrs.put(k, String.valueOf(v)));
                }
                topics.put(name, new TopicConfig(t.getString("topicName") == null ? name : t.getString("topicName"),
                        t.getIntValue("readQueueNums", 16), t.getIntValue("writeQueueNums", 16),
                        t.getIntValue("perm", 6), t.getString("topicFilterType"), t.getIntValue("topicSysFlag"),
                        t.getBooleanValue("order"), attrs));
            }
        }
        return new Contents(DataVersionJson.fromJson(root.getJSONObject("dataVersion"), clock), topics);
    }

    public void save(Contents contents) {
        Map<String, Object> table = new TreeMap<>();
        for (TopicConfig t : contents.topics().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("attributes", new TreeMap<>(t.attributes()));
            m.put("order", t.order());
            m.put("perm", t.perm());
            m.put("readQueueNums", t.readQueueNums());
            m.put("topicFilterType", t.topicFilterType());
            m.put("topicName", t.topicName());
            m.put("topicSysFlag", t.topicSysFlag());
            m.put("writeQueueNums", t.writeQueueNums());
            table.put(t.topicName(), m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("dataVersion", DataVersionJson.toTree(contents.dataVersion()));
        root.put("topicConfigTable", table);
        file.write(root);
    }
}
