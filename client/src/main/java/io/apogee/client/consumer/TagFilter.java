package io.apogee.client.consumer;

import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.PropertyNames;
import io.apogee.remoting.protocol.body.SubscriptionData;

/**
 * The client's exact, second filter (shared/protocol/03-broker-client.md sections 10.5 and 19.1): the
 * broker filters by tag hash code, so a colliding tag, or a message without tags, can pass it; a TAG
 * subscription with tags keeps only messages whose {@code TAGS} is one of them. Stateless.
 */
final class TagFilter {
    private TagFilter() {
    }

    static boolean accepts(SubscriptionData subscription, MessageRecord record) {
        if (!subscription.isTagType() || subscription.tagsSet().isEmpty()) {
            return true;
        }
        String tags = record.property(PropertyNames.TAGS);
        return tags != null && subscription.tagsSet().contains(tags);
    }
}
