package io.apogee.acl;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security audit trail, on its own SLF4J logger {@value #LOGGER_NAME} so that operators can route
 * it to a separate file: every authentication failure, every denial and every change to users and
 * ACLs, as one {@code key=value} line (who, from where, what, decision; the time is the log's). Never
 * given a secret. Thread-safe.
 */
public final class AuditLog {
    public static final String LOGGER_NAME = "apogee.audit";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private AuditLog() {
    }

    public static void authenticationFailed(String user, String sourceIp, int code, String reason) {
        LOG.warn("event=authentication decision=deny user={} from={} code={} reason=\"{}\"",
                printable(user), sourceIp, code, reason);
    }

    public static void denied(String user, String sourceIp, int code, String reason) {
        LOG.warn("event=authorization decision=deny user={} from={} code={} reason=\"{}\"",
                printable(user), sourceIp, code, reason);
    }

    /** A change to a user or an ACL, or a refused attempt at one ({@code outcome} says which). */
    public static void change(String user, String sourceIp, String operation, String target, String outcome) {
        LOG.info("event=change operation={} target={} user={} from={} outcome=\"{}\"",
                operation, target, printable(user), sourceIp, outcome);
    }

    private static String printable(String user) {
        return user == null || user.isEmpty() ? "-" : user;
    }
}
