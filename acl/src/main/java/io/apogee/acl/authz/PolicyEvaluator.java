package io.apogee.acl.authz;

import io.apogee.acl.model.Acl;
import io.apogee.acl.model.Decision;
import io.apogee.acl.model.Policy;
import io.apogee.acl.model.PolicyEntry;
import io.apogee.acl.model.PolicyType;
import io.apogee.acl.model.ResourcePattern;
import io.apogee.acl.model.ResourceType;
import java.util.Comparator;

/**
 * Picks the entry of an ACL that decides an access (06-acl2.md §3.2): the matching entries of the
 * Custom policy, else of the Default policy; among them the most specific: a typed resource before
 * {@code *}, then literal before prefixed before any, a longer prefix before a shorter one, and Deny
 * before Allow should two be equally specific. Stateless and thread-safe.
 */
public final class PolicyEvaluator {
    static final Comparator<PolicyEntry> MOST_SPECIFIC_FIRST = Comparator
            .comparing((PolicyEntry e) -> e.resource().type() == ResourceType.ANY)
            .thenComparing(e -> e.resource().pattern(), Comparator.comparingInt(ResourcePattern::ordinal))
            .thenComparing(e -> e.resource().pattern() == ResourcePattern.PREFIXED
                    ? -e.resource().name().length() : 0)
            .thenComparing(e -> e.decision() == Decision.DENY ? 0 : 1);

    private PolicyEvaluator() {
    }

    /** The deciding entry for {@code access} from {@code sourceIp}, or null when no entry matches. */
    public static PolicyEntry decide(Acl acl, Access access, String sourceIp) {
        if (acl == null) {
            return null;
        }
        PolicyEntry custom = best(acl.policy(PolicyType.CUSTOM), access, sourceIp);
        return custom != null ? custom : best(acl.policy(PolicyType.DEFAULT), access, sourceIp);
    }

    private static PolicyEntry best(Policy policy, Access access, String sourceIp) {
        if (policy == null) {
            return null;
        }
        PolicyEntry best = null;
        for (PolicyEntry entry : policy.entries()) {
            if (entry.matches(access.resource(), access.actions(), sourceIp)
                    && (best == null || MOST_SPECIFIC_FIRST.compare(entry, best) < 0)) {
                best = entry;
            }
        }
        return best;
    }
}
