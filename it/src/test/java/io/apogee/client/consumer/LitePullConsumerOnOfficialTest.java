package io.apogee.client.consumer;

import io.apogee.client.target.Target;
import io.apogee.client.target.Targets;

class LitePullConsumerOnOfficialTest extends LitePullConsumerContract {
    @Override
    protected Target target() {
        return Targets.official();
    }
}
