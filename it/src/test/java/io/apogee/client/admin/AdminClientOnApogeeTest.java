package io.apogee.client.admin;

import io.apogee.client.target.Target;
import io.apogee.client.target.Targets;

class AdminClientOnApogeeTest extends AdminClientContract {
    @Override
    protected Target target() {
        return Targets.apogee();
    }
}
