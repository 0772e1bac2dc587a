package io.apogee.client.producer;

import io.apogee.client.target.Target;
import io.apogee.client.target.Targets;

class ProducerOnOfficialTest extends ProducerContract {
    @Override
    protected Target target() {
        return Targets.official();
    }
}
