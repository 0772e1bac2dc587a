package io.apogee.broker.topic;

import io.apogee.remoting.protocol.body.TopicConfig;

/** Converts between the store's persisted topic record and the wire one, which carry the same fields. */
final class TopicConfigs {
    private TopicConfigs() {
    }

    static TopicConfig fromStored(io.apogee.store.metadata.TopicConfig t) {
        return new TopicConfig(t.topicName(), t.readQueueNums(), t.writeQueueNums(), t.perm(), t.topicFilterType(),
                t.topicSysFlag(), t.order(), t.attributes());
    }

    static io.apogee.store.metadata.TopicConfig toStored(TopicConfig t) {
        return new io.apogee.store.metadata.TopicConfig(t.topicName(), t.readQueueNums(), t.writeQueueNums(), t.perm(),
                t.topicFilterType(), t.topicSysFlag(), t.order(), t.attributes());
    }
}
