package io.apogee.remoting.protocol.body;

import io.apogee.common.metadata.DataVersion;
import io.apogee.common.metadata.TopicConfig;
import java.util.Map;

/**
 * A broker's topic table with its version, as carried in a registration. The static-topic mapping
 * maps are passed through as parsed JSON.
 */
public record TopicConfigSerializeWrapper(DataVersion dataVersion, DataVersion mappingDataVersion,
        Map<String, TopicConfig> topicConfigTable, Map<String, Object> topicQueueMappingDetailMap,
        Map<String, Object> topicQueueMappingInfoMap) {
    public TopicConfigSerializeWrapper {
        dataVersion = dataVersion == null ? DataVersion.ZERO : dataVersion;
        topicConfigTable = topicConfigTable == null ? Map.of() : topicConfigTable;
    }
}
