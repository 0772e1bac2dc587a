package io.apogee.client.admin;

import io.apogee.client.target.Target;
import io.apogee.client.target.Targets;

class AdminClientOnOfficialTest extends AdminClientContract {
    @Override
    protected Target target() {
        return Targets.official();
    }
}
