package io.apogee.store.metadata;

import io.apogee.common.metadata.DataVersion;
import com.alibaba.fastjson2.JSONObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code config/delayOffset.json}: {@code offsetTable} maps a delay level (unquoted int) to the
 * next queue offset of {@code SCHEDULE_TOPIC_XXXX} queue {@code level - 1}.
 *
 * <p>Thread-safety: as {@link MetadataFile}; callers serialise saves.
 */
public final class DelayOffsetFile {
    private final MetadataFile file;
    private final Clock clock;

    /** The file's content: level -> offset. */
    public record Contents(DataVersion dataVersion, Map<Integer, Long> offsetTable) {
        public Contents {
            offsetTable = Map.copyOf(offsetTable);
        }
    }

    public DelayOffsetFile(Path configDir, Clock clock) {
        this.file = new MetadataFile(configDir.resolve("delayOffset.json"));
        this.clock = clock;
    }

    public Contents load() {
        JSONObject root = file.read();
        if (root == null) {
            return new Contents(DataVersion.initial(clock.millis()), Map.of());
        }
        return new Contents(DataVersionJson.fromJson(root.getJSONObject("dataVersion"), clock),
                OffsetMaps.read(root.getJSONObject("offsetTable")));
    }

    public void save(Contents contents) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("dataVersion", DataVersionJson.toTree(contents.dataVersion()));
        root.put("offsetTable", new TreeMap<>(contents.offsetTable()));
        file.write(root);
    }
}
