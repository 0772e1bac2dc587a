package io.apogee.remoting.protocol.header;

/**
 * The headers of the name-server requests and responses (shared/protocol/02-namesrv.md section 2).
 * Field names are the wire keys.
 */
public final class NamesrvHeaders {
    private NamesrvHeaders() {
    }

    /** {@code REGISTER_BROKER}. */
    public record RegisterBroker(@Required String brokerName, @Required String brokerAddr,
            @Required String clusterName, @Required String haServerAddr, @Required Long brokerId,
            Long heartbeatTimeoutMillis, Boolean enableActingMaster, boolean compressed, Integer bodyCrc32)
            implements CommandHeader {
    }

    /** The response to {@code REGISTER_BROKER}: where a slave finds its master. */
    public record RegisterBrokerResult(String haServerAddr, String masterAddr) implements CommandHeader {
    }

    /** {@code UNREGISTER_BROKER}. */
    public record UnregisterBroker(@Required String brokerName, @Required String brokerAddr,
            @Required String clusterName, @Required Long brokerId) implements CommandHeader {
    }

    /** {@code QUERY_DATA_VERSION}. */
    public record QueryDataVersion(@Required String brokerName, @Required String brokerAddr,
            @Required String clusterName, @Required Long brokerId) implements CommandHeader {
    }

    public record QueryDataVersionResult(@Required Boolean changed) implements CommandHeader {
    }

    /** {@code BROKER_HEARTBEAT}. */
    public record BrokerHeartbeat(@Required String clusterName, @Required String brokerAddr,
            @Required String brokerName, Long brokerId, Integer epoch, Long maxOffset, Long confirmOffset,
            Long heartbeatTimeoutMills, Integer electionPriority) implements CommandHeader {
    }

    /** {@code GET_ROUTEINFO_BY_TOPIC}. */
    public record GetRouteInfo(@Required String topic, Boolean acceptStandardJsonOnly) implements CommandHeader {
    }

    /** {@code REGISTER_TOPIC_IN_NAMESRV}. */
    public record RegisterTopic(@Required String topic) implements CommandHeader {
    }

    /** {@code DELETE_TOPIC_IN_NAMESRV}. */
    public record DeleteTopic(@Required String topic, String clusterName) implements CommandHeader {
    }

    /** {@code GET_TOPICS_BY_CLUSTER}. */
    public record GetTopicsByCluster(@Required String cluster) implements CommandHeader {
    }

    /** {@code WIPE_WRITE_PERM_OF_BROKER}. */
    public record WipeWritePerm(@Required String brokerName) implements CommandHeader {
    }

    public record WipeWritePermResult(@Required Integer wipeTopicCount) implements CommandHeader {
    }

    /** {@code ADD_WRITE_PERM_OF_BROKER}. */
    public record AddWritePerm(@Required String brokerName) implements CommandHeader {
    }

    public record AddWritePermResult(@Required Integer addTopicCount) implements CommandHeader {
    }

    /** {@code PUT_KV_CONFIG}. */
    public record PutKvConfig(@Required String namespace, @Required String key, @Required String value)
            implements CommandHeader {
    }

    /** {@code GET_KV_CONFIG} and {@code DELETE_KV_CONFIG}. */
    public record KvConfigKey(@Required String namespace, @Required String key) implements CommandHeader {
    }

    public record GetKvConfigResult(String value) implements CommandHeader {
    }

    /** {@code GET_KVLIST_BY_NAMESPACE}. */
    public record GetKvList(@Required String namespace) implements CommandHeader {
    }

    /** {@code GET_BROKER_MEMBER_GROUP}. */
    public record GetBrokerMemberGroup(@Required String clusterName, @Required String brokerName)
            implements CommandHeader {
    }
}
