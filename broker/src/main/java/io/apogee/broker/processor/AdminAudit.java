package io.apogee.broker.processor;

import io.apogee.acl.AuditLog;
import io.apogee.remoting.auth.RequestSignature;
import io.apogee.remoting.RequestContext;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import java.util.concurrent.CompletionStage;

/**
 * Audit lines ({@link AuditLog}) for the broker's own metadata changes: topics, subscription groups and
 * broker config. Who is the request's AccessKey (or {@code -} without ACL), from where its remote
 * address, what the operation and its target, and the decision the outcome of the request: {@code done},
 * {@code refused: <remark>} or {@code failed: <error>}. Targets carry names only, never values, so no
 * secret reaches the log.
 */
final class AdminAudit {
    private AdminAudit() {
    }

    /** A change that may throw before it answers (a bad header). */
    interface Change {
        CompletionStage<RemotingCommand> apply() throws Exception;
    }

    static CompletionStage<RemotingCommand> record(RequestContext ctx, RemotingCommand request, String operation,
            String target, Change change) throws Exception {
        String who = request.extField(RequestSignature.ACCESS_KEY);
        String from = ctx.remoteAddress();
        CompletionStage<RemotingCommand> answer;
        try {
            answer = change.apply();
        } catch (Exception | Error e) {
            AuditLog.change(who, from, operation, target, "failed: " + e.getMessage());
            throw e;
        }
        return answer.whenComplete((response, error) -> {
            if (error != null) {
                AuditLog.change(who, from, operation, target, "failed: " + error.getMessage());
            } else if (response.code() == ResponseCode.SUCCESS) {
                AuditLog.change(who, from, operation, target, "done");
            } else {
                AuditLog.change(who, from, operation, target, "refused: " + response.remark());
            }
        });
    }
}
