package io.apogee.client.consumer;

import io.apogee.client.ClientException;
import io.apogee.client.runtime.RouteService;
import io.apogee.remoting.protocol.body.MessageQueue;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clustering offsets, kept by the master of each queue's broker: read with
 * {@code QUERY_CONSUMER_OFFSET}, stored with {@code UPDATE_CONSUMER_OFFSET} (oneway for the periodic
 * and drop-time stores, answered for explicit commits). Thread-safe.
 */
final class BrokerOffsetStore implements OffsetStore {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerOffsetStore.class);

    private final ConsumerBrokerApi api;
    private final RouteService routes;
    private final long timeoutMillis;

    BrokerOffsetStore(ConsumerBrokerApi api, RouteService routes, long timeoutMillis) {
        this.api = api;
        this.routes = routes;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public OptionalLong read(MessageQueue queue) throws Exception {
        String addr = MasterAddress.of(routes, queue, timeoutMillis);
        OptionalLong committed = api.queryOffset(addr, queue).get(timeoutMillis, TimeUnit.MILLISECONDS);
        return committed.isPresent() && committed.getAsLong() >= 0 ? committed : OptionalLong.empty();
    }

    @Override
    public void storeQuietly(QueueState state) {
        long offset = state.offsetToCommit();
        String addr = routes.table().masterAddr(state.queue().brokerName());
        if (offset < 0 || addr == null) {
            return;
        }
        try {
            api.updateOffset(addr, state.queue(), offset);
            state.committed(offset);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("offset commit of {} failed: {}", state.queue(), e.toString());
        }
    }

    @Override
    public CompletableFuture<Void> store(MessageQueue queue, long offset) {
        String addr = routes.table().masterAddr(queue.brokerName());
        if (addr == null) {
            return CompletableFuture.failedFuture(
                    new ClientException("no broker address for " + queue + "; offset not committed"));
        }
        return api.commit(addr, queue, offset);
    }
}
