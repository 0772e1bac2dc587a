package io.apogee.store.metadata;

import io.apogee.common.metadata.DataVersion;
import com.alibaba.fastjson2.JSONObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code config/consumerOffset.json}: {@code offsetTable} maps {@code "topic@group"} to
 * {queueId: next offset}, with unquoted queue ids. The derived {@code groupTopicMap} is written
 * for the official tools and ignored on read.
 *
 * <p>Thread-safety: as {@link MetadataFile}; callers serialise saves.
 */
public final class ConsumerOffsetFile {
    private final MetadataFile file;
    private final Clock clock;

    /** The file's content: {@code "topic@group" -> queueId -> offset}. */
    public record Contents(DataVersion dataVersion, Map<String, Map<Integer, Long>> offsetTable) {
        public Contents {
            offsetTable = Map.copyOf(offsetTable);
        }
    }

    public ConsumerOffsetFile(Path configDir, Clock clock) {
        this.file = new MetadataFile(configDir.resolve("consumerOffset.json"));
        this.clock = clock;
    }

    public Contents load() {
        JSONObject root = file.read();
        Map<String, Map<Integer, Long>> table = new LinkedHashMap<>();
        if (root == null) {
            return new Contents(DataVersion.initial(clock.millis()), table);
        }
        JSONObject offsets = root.getJSONObject("offsetTable");
        if (offsets != null) {
            for (String key : offsets.keySet()) {
                table.put(key, OffsetMaps.read(offsets.getJSONObject(key)));
            }
        }
        return new Contents(DataVersionJson.fromJson(root.getJSONObject("dataVersion"), clock), table);
    }

    public void save(Contents contents) {
        Map<String, Set<String>> groupTopics = new TreeMap<>();
        Map<String, Object> offsets = new TreeMap<>();
        for (Map.Entry<String, Map<Integer, Long>> e : contents.offsetTable().entrySet()) {
            offsets.put(e.getKey(), new TreeMap<>(e.getValue()));
            int at = e.getKey().indexOf('@');
            if (at > 0) {
                groupTopics.computeIfAbsent(e.getKey().substring(at + 1), g -> new LinkedHashSet<>())
                        .add(e.getKey().substring(0, at));
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("dataVersion", DataVersionJson.toTree(contents.dataVersion()));
        root.put("groupTopicMap", groupTopics);
        root.put("offsetTable", offsets);
        file.write(root);
    }
}
