package io.apogee.remoting.protocol.body;

import java.util.Set;

/**
 * A set of topic names.
 *
 * @param brokerAddr only in the system-topic list: some broker to ask for its own system topics
 */
public record TopicList(Set<String> topicList, String brokerAddr) {
    public TopicList {
        topicList = topicList == null ? Set.of() : topicList;
    }
}
