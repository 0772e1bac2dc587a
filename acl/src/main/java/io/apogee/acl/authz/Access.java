package io.apogee.acl.authz;

import io.apogee.acl.model.Action;
import io.apogee.acl.model.Resource;
import java.util.Set;

/** One thing a request needs: any one of {@code actions} on {@code resource}. Immutable. */
public record Access(Resource resource, Set<Action> actions) {
    public Access {
        actions = Set.copyOf(actions);
    }

    public static Access of(Resource resource, Action... actions) {
        return new Access(resource, Set.of(actions));
    }
}
