package io.apogee.client.producer;

import io.apogee.client.BrokerException;
import io.apogee.client.ClientException;
import io.apogee.client.runtime.ClientRuntime;
import io.apogee.remoting.RemotingException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.body.MessageQueue;
import io.apogee.remoting.protocol.body.TopicRouteData;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Sends prepared messages: finds the topic's queues, picks one, calls its broker and, after a failure
 * worth retrying, tries again on another broker while attempts and the send's time budget last
 * (shared/protocol/03-broker-client.md section 5.3). Every step is asynchronous: responses are
 * handled on remoting callback threads, never on a Netty event loop. Thread-safe.
 */
final class SendEngine {
    private final ClientRuntime runtime;
    private final SendRequests requests;
    private final BrokerFaultStrategy faults;
    private final ConcurrentMap<String, TopicPublishInfo> publishInfos = new ConcurrentHashMap<>();
    private final Set<String> publishedTopics = ConcurrentHashMap.newKeySet();

    SendEngine(ClientRuntime runtime, SendRequests requests, BrokerFaultStrategy faults) {
        this.runtime = runtime;
        this.requests = requests;
        this.faults = faults;
    }

    SendRequests requests() {
        return requests;
    }

    BrokerFaultStrategy faults() {
        return faults;
    }

    Set<String> publishedTopics() {
        return Set.copyOf(publishedTopics);
    }

    /** The topic's writable queues, fetching its route if needed. */
    CompletableFuture<TopicPublishInfo> publishInfo(String topic) {
        publishedTopics.add(topic);
        return runtime.routes().publishRoute(topic).thenApply(route -> publishInfo(topic, route));
    }

    /** The topic's writable queues when its route is cached, else null (then see {@link #publishInfo(String)}). */
    TopicPublishInfo cachedPublishInfo(String topic) {
        publishedTopics.add(topic);
        TopicRouteData route = runtime.routes().table().route(topic);
        return route == null ? null : publishInfo(topic, route);
    }

    private TopicPublishInfo publishInfo(String topic, TopicRouteData route) {
        TopicPublishInfo info = publishInfos.get(topic);
        if (info == null || info.route() != route) {
            info = TopicPublishInfo.of(topic, route);
            publishInfos.put(topic, info);
        }
        if (info.isEmpty()) {
            throw new ClientException("No writable queue of topic " + topic + " on a broker with a master");
        }
        return info;
    }

    /**
     * Sends on the caller's thread, with up to {@code 1 + retries} attempts until {@code deadlineNanos}: the
     * same attempts, broker avoidance and errors as {@link #send}, in a plain loop around synchronous calls,
     * so that a synchronous send costs no future, stage or callback hand-over.
     */
    SendResult sendSync(PreparedMessage message, TopicPublishInfo info, int retries, long deadlineNanos,
            long timeoutMillis) {
        int maxAttempts = 1 + retries;
        String lastBroker = null;
        ClientException lastFailure = null;
        for (int attemptNo = 1; ; attemptNo++) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (left <= 0) {
                throw new ClientException("send to topic " + message.topic() + " timed out after " + timeoutMillis
                        + " ms and " + (attemptNo - 1) + " attempt(s)"
                        + (lastFailure == null ? "" : "; last failure: " + lastFailure.getMessage()), lastFailure);
            }
            MessageQueue queue = QueuePicker.pick(info, lastBroker, faults);
            String addr = runtime.routes().table().masterAddr(queue.brokerName());
            ClientException failure = null;
            if (addr == null) {
                failure = new ClientException("no master address known for broker " + queue.brokerName());
            } else {
                long start = System.nanoTime();
                RemotingCommand response;
                try {
                    response = runtime.remoting().invokeSync(addr, requests.request(message, queue), left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ClientException("interrupted while waiting for the broker", e);
                } catch (RemotingException e) {
                    faults.record(queue.brokerName(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), true);
                    response = null;
                    failure = new ClientException("send to " + queue + " at " + addr + " failed: " + e, e);
                }
                if (response != null) {
                    long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    try {
                        SendResult result = SendResponses.parse(response, message, queue, addr);
                        faults.record(queue.brokerName(), latency, false);
                        return result;
                    } catch (BrokerException e) {
                        boolean retryable = SendResponses.isRetryable(e.responseCode());
                        faults.record(queue.brokerName(), latency, retryable);
                        if (!retryable) {
                            throw e;
                        }
                        failure = e;
                    }
                }
            }
            if (attemptNo >= maxAttempts) {
                throw new ClientException("send to topic " + message.topic() + " failed " + attemptNo
                        + " time(s); last failure: " + failure.getMessage(), failure);
            }
            lastBroker = queue.brokerName();
            lastFailure = failure;
        }
    }

    /**
     * Sends with up to {@code 1 + retries} attempts within {@code timeoutMillis}.
     */
    CompletableFuture<SendResult> send(PreparedMessage message, int retries, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        return publishInfo(message.topic()).thenCompose(info ->
                attempt(message, info, null, 1, 1 + retries, deadline, timeoutMillis, null));
    }

    /** One attempt at exactly {@code queue}, without retries (ordered sends must not change queue). */
    CompletableFuture<SendResult> sendTo(PreparedMessage message, MessageQueue queue, long timeoutMillis) {
        String addr = brokerAddress(queue);
        long start = System.nanoTime();
        RemotingCommand request = requests.request(message, queue);
        return runtime.remoting().invokeAsync(addr, request, timeoutMillis).handle((response, failure) -> {
            long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (failure != null) {
                faults.record(queue.brokerName(), latency, true);
                throw new ClientException("send to " + queue + " at " + addr + " failed: " + cause(failure), cause(failure));
            }
            faults.record(queue.brokerName(), latency, false);
            return SendResponses.parse(response, message, queue, addr);
        });
    }

    /** A oneway send: one attempt, nothing to wait for but the write. */
    void sendOneway(PreparedMessage message, TopicPublishInfo info, long timeoutMillis) throws InterruptedException {
        MessageQueue queue = QueuePicker.pick(info, null, faults);
        String addr = brokerAddress(queue);
        try {
            runtime.remoting().invokeOneway(addr, requests.request(message, queue).markOneway(), timeoutMillis);
        } catch (RemotingException e) {
            faults.record(queue.brokerName(), LatencyFaultStrategy.FAILURE_LATENCY_MILLIS, true);
            throw new ClientException("oneway send to " + queue + " at " + addr + " failed: " + e.getMessage(), e);
        }
    }

    private CompletableFuture<SendResult> attempt(PreparedMessage message, TopicPublishInfo info, String lastBroker,
            int attemptNo, int maxAttempts, long deadline, long timeoutMillis, Throwable lastFailure) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            return CompletableFuture.failedFuture(new ClientException("send to topic " + message.topic()
                    + " timed out after " + timeoutMillis + " ms and " + (attemptNo - 1) + " attempt(s)"
                    + (lastFailure == null ? "" : "; last failure: " + lastFailure.getMessage()), lastFailure));
        }
        MessageQueue queue = QueuePicker.pick(info, lastBroker, faults);
        String addr = runtime.routes().table().masterAddr(queue.brokerName());
        if (addr == null) {
            ClientException e = new ClientException("no master address known for broker " + queue.brokerName());
            return retryOrFail(message, info, queue, attemptNo, maxAttempts, deadline, timeoutMillis, e);
        }
        long start = System.nanoTime();
        RemotingCommand request = requests.request(message, queue);
        return runtime.remoting().invokeAsync(addr, request, left).handle((response, failure) -> {
            long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (failure != null) {
                faults.record(queue.brokerName(), latency, true);
                Throwable cause = cause(failure);
                return retryOrFail(message, info, queue, attemptNo, maxAttempts, deadline, timeoutMillis,
                        new ClientException("send to " + queue + " at " + addr + " failed: " + cause, cause));
            }
            try {
                SendResult result = SendResponses.parse(response, message, queue, addr);
                faults.record(queue.brokerName(), latency, false);
                return CompletableFuture.completedFuture(result);
            } catch (BrokerException e) {
                if (!SendResponses.isRetryable(e.responseCode())) {
                    faults.record(queue.brokerName(), latency, false);
                    return CompletableFuture.<SendResult>failedFuture(e);
                }
                faults.record(queue.brokerName(), latency, true);
                return retryOrFail(message, info, queue, attemptNo, maxAttempts, deadline, timeoutMillis, e);
            } catch (RuntimeException e) {
                return CompletableFuture.<SendResult>failedFuture(e);
            }
        }).thenCompose(f -> f);
    }

    private CompletableFuture<SendResult> retryOrFail(PreparedMessage message, TopicPublishInfo info,
            MessageQueue failedQueue, int attemptNo, int maxAttempts, long deadline, long timeoutMillis,
            ClientException failure) {
        if (attemptNo >= maxAttempts) {
            return CompletableFuture.failedFuture(new ClientException("send to topic " + message.topic() + " failed "
                    + attemptNo + " time(s); last failure: " + failure.getMessage(), failure));
        }
        return attempt(message, info, failedQueue.brokerName(), attemptNo + 1, maxAttempts, deadline, timeoutMillis,
                failure);
    }

    private String brokerAddress(MessageQueue queue) {
        String addr = runtime.routes().table().masterAddr(queue.brokerName());
        if (addr == null) {
            throw new ClientException("no master address known for broker " + queue.brokerName());
        }
        return addr;
    }

    static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** For tests: the cached route of a topic, or null. */
    TopicRouteData cachedRoute(String topic) {
        return runtime.routes().table().route(topic);
    }
}
