package io.apogee.acl.authz;

import io.apogee.acl.AuthException;
import io.apogee.acl.metadata.AuthMetadata;
import io.apogee.acl.model.Decision;
import io.apogee.acl.model.PolicyEntry;
import io.apogee.acl.model.Subjects;
import io.apogee.acl.model.User;

/**
 * Decides by the subject's ACL as the metadata holds it at this request (nothing is cached); always
 * decides (a missing or silent ACL refuses). Thread-safe.
 */
public final class PolicyHandler implements AuthorizationHandler {
    private final AuthMetadata metadata;

    public PolicyHandler(AuthMetadata metadata) {
        this.metadata = metadata;
    }

    @Override
    public Verdict authorize(String username, User user, Access access, String sourceIp) throws AuthException {
        PolicyEntry entry = PolicyEvaluator.decide(metadata.aclOfUser(username), access, sourceIp);
        if (entry == null) {
            throw new AuthException(refusal(Subjects.ofUser(username), access, sourceIp, "no matched policies."));
        }
        if (entry.decision() == Decision.DENY) {
            throw new AuthException(refusal(Subjects.ofUser(username), access, sourceIp, "the decision is deny."));
        }
        return Verdict.ALLOW;
    }

    static String refusal(String subject, Access access, String sourceIp, String reason) {
        return subject + " has no permission to access " + access.resource() + " from " + sourceIp + ", " + reason;
    }
}
