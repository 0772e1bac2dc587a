package io.apogee.remoting.protocol.body;

import java.util.List;

/** The body of {@code REGISTER_BROKER}: the broker's topics and filter servers. */
public record RegisterBrokerBody(TopicConfigSerializeWrapper topicConfigSerializeWrapper,
        List<String> filterServerList) {
    public RegisterBrokerBody {
        topicConfigSerializeWrapper = topicConfigSerializeWrapper == null
                ? new TopicConfigSerializeWrapper(null, null, null, null, null) : topicConfigSerializeWrapper;
        filterServerList = filterServerList == null ? List.of() : filterServerList;
    }
}
