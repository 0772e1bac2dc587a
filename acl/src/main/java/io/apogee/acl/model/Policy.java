package io.apogee.acl.model;

import java.util.List;
import java.util.Objects;

/** The entries of one policy type of a subject; at most one entry per resource. Immutable. */
public record Policy(PolicyType type, List<PolicyEntry> entries) {
    public Policy {
        Objects.requireNonNull(type, "type");
        entries = List.copyOf(entries);
    }
}
