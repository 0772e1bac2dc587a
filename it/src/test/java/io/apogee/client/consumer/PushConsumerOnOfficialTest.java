package io.apogee.client.consumer;

import io.apogee.client.target.Target;
import io.apogee.client.target.Targets;

class PushConsumerOnOfficialTest extends PushConsumerContract {
    @Override
    protected Target target() {
        return Targets.official();
    }
}
