package io.apogee.acl.metadata;

import io.apogee.acl.AuthException;
import io.apogee.acl.model.Acl;
import io.apogee.acl.model.Action;
import io.apogee.acl.model.Decision;
import io.apogee.acl.model.Policy;
import io.apogee.acl.model.PolicyEntry;
import io.apogee.acl.model.PolicyType;
import io.apogee.acl.model.Resource;
import io.apogee.acl.model.SourceIp;
import io.apogee.acl.model.User;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Turns wire/file bodies into the validated model and back, with the error messages RocketMQ gives
 * (06-acl2.md §1). Stateless and thread-safe.
 */
public final class MetadataCodec {
    private MetadataCodec() {
    }

    public static UserInfo toInfo(User user) {
        return new UserInfo(user.username(), user.password(), user.type().label(), user.status().label());
    }

    public static AclInfo toInfo(Acl acl) {
        List<AclInfo.PolicyInfo> policies = new ArrayList<>();
        for (Policy policy : acl.policies()) {
            List<AclInfo.PolicyEntryInfo> entries = new ArrayList<>();
            for (PolicyEntry entry : policy.entries()) {
                entries.add(toInfo(entry));
            }
            policies.add(new AclInfo.PolicyInfo(policy.type().label(), entries));
        }
        return new AclInfo(acl.subject(), policies);
    }

    static AclInfo.PolicyEntryInfo toInfo(PolicyEntry entry) {
        List<String> actions = new ArrayList<>();
        EnumSet<Action> sorted = EnumSet.noneOf(Action.class);
        sorted.addAll(entry.actions());
        for (Action action : sorted) {
            actions.add(action.label());
        }
        List<String> ips = entry.sourceIps().isEmpty() ? null
                : entry.sourceIps().stream().map(SourceIp::toString).toList();
        return new AclInfo.PolicyEntryInfo(entry.resource().toString(), actions, ips, entry.decision().label());
    }

    /**
     * The policies of an ACL body, validated as a whole (nothing is applied when one entry is bad).
     *
     * @throws AuthException (16) naming the first bad value
     */
    public static List<Policy> policies(AclInfo info) throws AuthException {
        List<Policy> out = new ArrayList<>();
        for (AclInfo.PolicyInfo policy : info.policies()) {
            if (policy == null) {
                throw new AuthException("The policy is null.");
            }
            PolicyType type = PolicyType.parse(policy.policyType());
            if (type == null) {
                throw new AuthException("The policy type " + policy.policyType() + " is invalid.");
            }
            if (policy.entries() == null || policy.entries().isEmpty()) {
                throw new AuthException("The policy entries can not be empty.");
            }
            List<PolicyEntry> entries = new ArrayList<>();
            for (AclInfo.PolicyEntryInfo entry : policy.entries()) {
                entries.add(entry(entry));
            }
            out.add(new Policy(type, entries));
        }
        return out;
    }

    private static PolicyEntry entry(AclInfo.PolicyEntryInfo info) throws AuthException {
        if (info == null) {
            throw new AuthException("The policy entry is null.");
        }
        Resource resource;
        try {
            resource = Resource.parse(info.resource());
        } catch (IllegalArgumentException e) {
            throw new AuthException(e.getMessage());
        }
        Set<Action> actions = EnumSet.noneOf(Action.class);
        if (info.actions() != null) {
            for (String name : info.actions()) {
                Action action = Action.parse(name);
                if (action == Action.ANY) {
                    throw new AuthException("The actions can not be Any.");
                }
                if (action != null) {
                    actions.add(action);
                }
            }
        }
        if (actions.isEmpty()) {
            throw new AuthException("The actions of " + resource + " can not be empty, expected some of "
                    + "Pub, Sub, Create, Update, Delete, Get, List, All.");
        }
        List<SourceIp> ips = new ArrayList<>();
        if (info.sourceIps() != null) {
            for (String ip : info.sourceIps()) {
                try {
                    ips.add(SourceIp.parse(ip));
                } catch (IllegalArgumentException e) {
                    throw new AuthException(e.getMessage());
                }
            }
        }
        Decision decision = Decision.parse(info.decision());
        if (decision == null) {
            throw new AuthException("The decision " + info.decision() + " is invalid, expected Allow or Deny.");
        }
        return new PolicyEntry(resource, actions, ips, decision);
    }
}
