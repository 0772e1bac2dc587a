package io.apogee.remoting.protocol.body;

import java.util.List;

/**
 * The body of a {@code GET_CONSUMER_LIST_BY_GROUP} response: the client ids of the group's live
 * members. Immutable.
 */
public record ConsumerListBody(List<String> consumerIdList) {
    public ConsumerListBody {
        consumerIdList = consumerIdList == null ? List.of() : List.copyOf(consumerIdList);
    }
}
