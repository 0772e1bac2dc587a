package io.apogee.client.consumer;

import io.apogee.client.ClientException;
import io.apogee.client.runtime.RouteService;
import io.apogee.remoting.protocol.body.MessageQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The master address of a queue's broker, refreshing the topic's route once when it is unknown. Stateless. */
final class MasterAddress {
    private MasterAddress() {
    }

    /**
     * Blocks up to {@code timeoutMillis} for a route refresh; never call it on a Netty thread.
     *
     * @throws ClientException when the broker has no known master even after the refresh
     */
    static String of(RouteService routes, MessageQueue queue, long timeoutMillis)
            throws InterruptedException, ExecutionException, TimeoutException {
        String addr = routes.table().masterAddr(queue.brokerName());
        if (addr == null) {
            routes.refresh(queue.topic(), false).get(timeoutMillis, TimeUnit.MILLISECONDS);
            addr = routes.table().masterAddr(queue.brokerName());
        }
        if (addr == null) {
            throw new ClientException("no master address of broker " + queue.brokerName());
        }
        return addr;
    }
}
