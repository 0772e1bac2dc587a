package io.apogee.client.producer;

import io.apogee.client.ClientException;
import io.apogee.client.runtime.ClientId;
import io.apogee.client.runtime.ClientRuntime;
import io.apogee.client.runtime.ClientRuntimes;
import io.apogee.client.runtime.ClientSettings;
import io.apogee.client.runtime.ProducerMember;
import io.apogee.client.runtime.TransactionCheckHandler;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a plain and a transactional producer share: the runtime lease, the group registration and the
 * send engine. Thread-safe.
 */
final class ProducerCore implements ProducerMember, AutoCloseable {
    private final ProducerConfig config;
    private final ClientRuntime runtime;
    private final SendEngine engine;
    private final TransactionCheckHandler checkHandler;
    private final AtomicBoolean closed = new AtomicBoolean();

    ProducerCore(ProducerConfig config, BrokerFaultStrategy faults, TransactionCheckHandler checkHandler) {
        this.config = config;
        this.checkHandler = checkHandler;
        ClientSettings s = config.client();
        this.runtime = ClientRuntimes.acquire(s, ClientId.of(s.clientIp(), s.instanceName(), s.unitName()));
        try {
            this.engine = new SendEngine(runtime, new SendRequests(config, runtime.uniqueKeys()), faults);
            runtime.registerProducer(this);
        } catch (RuntimeException e) {
            ClientRuntimes.release(runtime);
            throw e;
        }
    }

    @Override
    public String group() {
        return config.producerGroup();
    }

    @Override
    public Set<String> publishedTopics() {
        return engine.publishedTopics();
    }

    @Override
    public TransactionCheckHandler transactionCheckHandler() {
        return checkHandler;
    }

    ProducerConfig config() {
        return config;
    }

    ClientRuntime runtime() {
        return runtime;
    }

    SendEngine engine() {
        return engine;
    }

    void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the producer of group " + config.producerGroup() + " is closed");
        }
    }

    /**
     * Sends on the caller's thread with up to {@code 1 + retries} attempts within {@code sendMsgTimeout}
     * (which also covers fetching the topic's route when it is not cached yet).
     */
    SendResult sendSync(PreparedMessage prepared, int retries) {
        long timeoutMillis = config.sendMsgTimeoutMillis();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        TopicPublishInfo info = engine.cachedPublishInfo(prepared.topic());
        if (info == null) {
            info = await(engine.publishInfo(prepared.topic()));
        }
        return engine.sendSync(prepared, info, retries, deadline, timeoutMillis);
    }

    /**
     * Waits for {@code future} on the caller's thread and rethrows its failure as is (a
     * {@link ClientException} or an {@link IllegalArgumentException}). Every call behind the future has
     * its own time-out; the bound here is a safety net against a future nobody completes.
     */
    <T> T await(CompletableFuture<T> future) {
        ClientSettings s = config.client();
        long bound = config.sendMsgTimeoutMillis() + 2 * s.mqClientApiTimeoutMillis() * s.namesrvAddrs().size() + 1000;
        try {
            return future.get(bound, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new ClientException("no outcome within " + bound + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while waiting for the broker", e);
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : SendEngine.cause(e.getCause());
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new ClientException(cause.toString(), cause);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                runtime.unregisterProducer(config.producerGroup());
            } finally {
                ClientRuntimes.release(runtime);
            }
        }
    }
}
