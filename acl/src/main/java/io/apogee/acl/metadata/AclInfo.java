package io.apogee.acl.metadata;

import java.util.List;

/**
 * An ACL as the admin requests carry it and as the ACL file stores it:
 * {@code {"policies":[{"entries":[{"actions":[…],"decision":…,"resource":…,"sourceIps":[…]}],
 * "policyType":"Custom"}],"subject":"User:alice"}}.
 */
public record AclInfo(String subject, List<PolicyInfo> policies) {
    /** One policy; a missing {@code policyType} means Custom. */
    public record PolicyInfo(String policyType, List<PolicyEntryInfo> entries) {
    }

    /** One entry; {@code sourceIps} is null (left out) when the entry applies to every address. */
    public record PolicyEntryInfo(String resource, List<String> actions, List<String> sourceIps, String decision) {
    }
}
