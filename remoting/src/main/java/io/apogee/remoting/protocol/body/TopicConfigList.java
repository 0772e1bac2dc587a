package io.apogee.remoting.protocol.body;

import io.apogee.common.metadata.TopicConfig;
import java.util.List;

/** The body of {@code UPDATE_AND_CREATE_TOPIC_LIST}. */
public record TopicConfigList(List<TopicConfig> topicConfigList) {
    public TopicConfigList {
        topicConfigList = topicConfigList == null ? List.of() : topicConfigList;
    }
}
