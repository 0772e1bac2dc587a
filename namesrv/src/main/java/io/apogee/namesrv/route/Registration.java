package io.apogee.namesrv.route;

import io.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import io.netty.channel.Channel;
import java.util.List;

/**
 * One {@code REGISTER_BROKER}, decoded.
 *
 * @param timeoutMillis how long the node counts as live without news; null for the default
 * @param zoneName from the request's {@code __ZONE_NAME} ext field, or null
 */
public record Registration(String clusterName, String brokerAddr, String brokerName, long brokerId,
        String haServerAddr, String zoneName, Long timeoutMillis, boolean enableActingMaster,
        TopicConfigSerializeWrapper topics, List<String> filterServerList, Channel channel) {
}
