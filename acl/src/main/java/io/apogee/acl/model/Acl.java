package io.apogee.acl.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The policies of one subject, at most one per policy type. Immutable. */
public record Acl(String subject, List<Policy> policies) {
    public Acl {
        Objects.requireNonNull(subject, "subject");
        policies = List.copyOf(policies);
    }

    /** The policy of {@code type}, or null. */
    public Policy policy(PolicyType type) {
        for (Policy policy : policies) {
            if (policy.type() == type) {
                return policy;
            }
        }
        return null;
    }

    /**
     * This ACL with {@code changes} merged in: per policy type, an entry for the same resource is
     * replaced and new resources are appended.
     */
    public Acl merge(List<Policy> changes) {
        Map<PolicyType, Map<String, PolicyEntry>> merged = new LinkedHashMap<>();
        for (Policy policy : policies) {
            Map<String, PolicyEntry> entries = merged.computeIfAbsent(policy.type(), t -> new LinkedHashMap<>());
            policy.entries().forEach(e -> entries.put(e.resource().toString(), e));
        }
        for (Policy policy : changes) {
            Map<String, PolicyEntry> entries = merged.computeIfAbsent(policy.type(), t -> new LinkedHashMap<>());
            policy.entries().forEach(e -> entries.put(e.resource().toString(), e));
        }
        List<Policy> out = new ArrayList<>();
        merged.forEach((type, entries) -> out.add(new Policy(type, new ArrayList<>(entries.values()))));
        return new Acl(subject, out);
    }

    /** This ACL without the entry for {@code resource} in {@code type}; null when no entry is left. */
    public Acl without(PolicyType type, Resource resource) {
        List<Policy> out = new ArrayList<>();
        for (Policy policy : policies) {
            List<PolicyEntry> kept = new ArrayList<>();
            for (PolicyEntry entry : policy.entries()) {
                if (!(policy.type() == type && entry.resource().equals(resource))) {
                    kept.add(entry);
                }
            }
            if (!kept.isEmpty()) {
                out.add(new Policy(policy.type(), kept));
            }
        }
        return out.isEmpty() ? null : new Acl(subject, out);
    }
}
