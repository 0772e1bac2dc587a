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
 * and drop-time stores, answered for explicit commits). Until a broker has acknowledged a commit of a
 * topic, its commits of that topic are answered and go one after the other ({@link FirstCommitGate}).
 * Thread-safe.
 */
final class BrokerOffsetStore implements OffsetStore {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerOffsetStore.class);

    private final ConsumerBrokerApi api;
    private final RouteService routes;
    private final long timeoutMillis;
    private final FirstCommitGate gate = new FirstCommitGate();

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
        MessageQueue queue = state.queue();
        if (!gate.open(FirstCommitGate.key(queue.brokerName(), queue.topic()))) {
            store(queue, offset).whenComplete((ignored, failure) -> {
                if (failure == null) {
                    state.committed(offset);
                } else {
                    LOG.warn("offset commit of {} failed: {}", queue, failure.toString());
                }
            });
            return;
        }
        try {
            api.updateOffset(addr, queue, offset);
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
        return gate.submit(FirstCommitGate.key(queue.brokerName(), queue.topic()),
                () -> api.commit(addr, queue, offset));
    }
}
