package io.apogee.remoting.protocol.body;

import java.util.List;
import java.util.Map;

/**
 * The route of one topic: which brokers hold its queues, and where those brokers are.
 *
 * @param orderTopicConf {@code brokerName:queueNums;...} for ordered topics, or null
 * @param topicQueueMappingByBroker static-topic mappings as parsed JSON, or null
 */
public record TopicRouteData(String orderTopicConf, List<QueueData> queueDatas, List<BrokerData> brokerDatas,
        Map<String, List<String>> filterServerTable, Map<String, Object> topicQueueMappingByBroker) {
    public TopicRouteData {
        queueDatas = queueDatas == null ? List.of() : queueDatas;
        brokerDatas = brokerDatas == null ? List.of() : brokerDatas;
        filterServerTable = filterServerTable == null ? Map.of() : filterServerTable;
    }
}
