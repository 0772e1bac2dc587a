package io.apogee.it.client;

import io.apogee.it.support.ApogeeBrokerProcess;
import io.apogee.it.support.ApogeeNamesrvProcess;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Our producer against our name server and broker started from the distribution, read back by the
 * official consumer (the sends of {@link ProducerInterop}).
 */
class ApogeeProducerOnApogeeOfficialTest extends ProducerInterop {
    private ApogeeNamesrvProcess namesrv;
    private ApogeeBrokerProcess broker;

    @Override
    String namesrvAddress() {
        return namesrv.address();
    }

    @BeforeAll
    void startApogee() throws Exception {
        namesrv = ApogeeNamesrvProcess.start();
        broker = ApogeeBrokerProcess.start("broker-a", namesrv.address(), Map.of());
        awaitTemplateRoute();
    }

    @AfterAll
    void stopApogee() {
        closeClients();
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }
}
