package io.apogee.remoting.protocol.body;

import java.util.Set;

/** A set of group names ({@code QUERY_TOPIC_CONSUME_BY_WHO}). */
public record GroupList(Set<String> groupList) {
    public GroupList {
        groupList = groupList == null ? Set.of() : groupList;
    }
}
