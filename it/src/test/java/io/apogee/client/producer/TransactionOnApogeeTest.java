package io.apogee.client.producer;

import io.apogee.client.target.Target;
import io.apogee.client.target.Targets;

class TransactionOnApogeeTest extends TransactionContract {
    @Override
    protected Target target() {
        return Targets.apogee();
    }
}
