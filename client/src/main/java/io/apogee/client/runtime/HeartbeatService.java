package io.apogee.client.runtime;

import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.ConsumerData;
import io.apogee.remoting.protocol.body.HeartbeatData;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.header.ConsumeHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code HEART_BEAT} and {@code UNREGISTER_CLIENT} (shared/protocol/03-broker-client.md sections 6
 * and 7): tells brokers which producer and consumer groups this client has. A producer-only client
 * heartbeats masters only. Calls are asynchronous; a failed heartbeat is logged and retried at the
 * next beat. Thread-safe.
 */
final class HeartbeatService {
    /** The group of the official client's internal producer, present in every official heartbeat. */
    static final String CLIENT_INNER_PRODUCER = "CLIENT_INNER_PRODUCER";

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatService.class);

    private final NettyRemotingClient remoting;
    private final String clientId;
    private final long timeoutMillis;

    HeartbeatService(NettyRemotingClient remoting, String clientId, long timeoutMillis) {
        this.remoting = remoting;
        this.clientId = clientId;
        this.timeoutMillis = timeoutMillis;
    }

    HeartbeatData heartbeatData(Set<String> producerGroups, Set<ConsumerData> consumers) {
        Set<HeartbeatData.ProducerData> producers = new HashSet<>();
        producers.add(new HeartbeatData.ProducerData(CLIENT_INNER_PRODUCER));
        for (String group : producerGroups) {
            producers.add(new HeartbeatData.ProducerData(group));
        }
        return new HeartbeatData(clientId, producers, consumers, 0, false);
    }

    /** Sends one heartbeat to every address; the future completes when all have answered or failed. */
    CompletableFuture<Void> beat(Set<String> brokerAddrs, Supplier<HeartbeatData> data) {
        if (brokerAddrs.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        byte[] body = JsonBody.encode(data.get());
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (String addr : brokerAddrs) {
            // The official client sends an empty ext-field map, not none.
            RemotingCommand request = RemotingCommand.request(RequestCode.HEART_BEAT).extFields(new HashMap<>())
                    .body(body);
            calls.add(remoting.invokeAsync(addr, request, timeoutMillis).handle((response, failure) -> {
                if (failure != null) {
                    LOG.warn("heartbeat to {} failed: {}", addr, failure.toString());
                } else if (response.code() != ResponseCode.SUCCESS) {
                    LOG.warn("heartbeat to {} refused: code={}, remark={}", addr, response.code(), response.remark());
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
    }

    /** Tells every address that {@code producerGroup} (and/or {@code consumerGroup}) left this client. */
    CompletableFuture<Void> unregister(Set<String> brokerAddrs, String producerGroup, String consumerGroup) {
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (String addr : brokerAddrs) {
            RemotingCommand request = RemotingCommand.request(RequestCode.UNREGISTER_CLIENT,
                    new ConsumeHeaders.UnregisterClient(clientId, producerGroup, consumerGroup));
            calls.add(remoting.invokeAsync(addr, request, timeoutMillis).handle((response, failure) -> {
                if (failure != null) {
                    LOG.debug("unregister at {} failed: {}", addr, failure.toString());
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
    }
}
