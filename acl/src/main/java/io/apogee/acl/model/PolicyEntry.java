package io.apogee.acl.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One resource of a policy with the actions granted or refused on it, the source addresses it applies
 * to (none = any address) and the decision. Immutable.
 */
public record PolicyEntry(Resource resource, Set<Action> actions, List<SourceIp> sourceIps, Decision decision) {
    public PolicyEntry {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(decision, "decision");
        actions = actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
        sourceIps = sourceIps == null ? List.of() : List.copyOf(sourceIps);
    }

    /** Whether this entry speaks for a request of {@code wanted} actions on {@code requested} from {@code ip}. */
    public boolean matches(Resource requested, Set<Action> wanted, String ip) {
        return resource.covers(requested) && grantsAnyOf(wanted) && fromAllowedAddress(ip);
    }

    private boolean grantsAnyOf(Set<Action> wanted) {
        if (wanted.contains(Action.ANY) || actions.contains(Action.ALL)) {
            return true;
        }
        for (Action action : wanted) {
            if (actions.contains(action)) {
                return true;
            }
        }
        return false;
    }

    private boolean fromAllowedAddress(String ip) {
        if (sourceIps.isEmpty()) {
            return true;
        }
        for (SourceIp source : sourceIps) {
            if (source.matches(ip)) {
                return true;
            }
        }
        return false;
    }
}
