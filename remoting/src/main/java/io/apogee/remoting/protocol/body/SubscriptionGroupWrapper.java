package io.apogee.remoting.protocol.body;

import io.apogee.common.metadata.DataVersion;
import java.util.Map;

/**
 * A broker's subscription groups with their version ({@code GET_ALL_SUBSCRIPTIONGROUP_CONFIG}). The
 * group settings are whatever object the broker keeps them as; they are written as JSON beans.
 */
public record SubscriptionGroupWrapper(Map<String, ?> subscriptionGroupTable, DataVersion dataVersion) {
}
