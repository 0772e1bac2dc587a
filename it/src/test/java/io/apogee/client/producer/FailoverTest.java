package io.apogee.client.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.client.BrokerException;
import io.apogee.client.ClusterFixture;
import io.apogee.client.Message;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two brokers; one stops; sends go on through the other, and the stopped one is avoided. */
class FailoverTest {
    @TempDir
    Path dir;

    /** Counts failures per broker and delegates to the real strategy, once warmed up. */
    static final class CountingStrategy implements BrokerFaultStrategy {
        final BrokerFaultStrategy delegate = new LatencyFaultStrategy();
        final ConcurrentMap<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        volatile boolean warming = true;

        @Override
        public void record(String brokerName, long latencyMillis, boolean failed) {
            if (failed) {
                failures.computeIfAbsent(brokerName, b -> new AtomicInteger()).incrementAndGet();
            }
            if (!warming) {
                delegate.record(brokerName, latencyMillis, failed);
            }
        }

        @Override
        public boolean isAvailable(String brokerName) {
            return warming || delegate.isAvailable(brokerName);
        }
    }

    private static Message text(String body) {
        return Message.builder().topic("client_failover_t").body(body.getBytes(StandardCharsets.UTF_8)).build();
    }

    @Test
    void sendsFailOverToTheLiveBrokerAndAvoidTheStoppedOne() throws Exception {
        CountingStrategy faults = new CountingStrategy();
        try (ClusterFixture cluster = new ClusterFixture(dir, "broker-a", "broker-b");
                Producer producer = Producer.builder().namesrvAddr(cluster.namesrvAddr())
                        .producerGroup("client_failover_pg").clientIp("127.0.0.1").faultStrategy(faults).build()) {
            cluster.createTopic("client_failover_t", 4);
            // While warming, a slow first send (topic creation on a busy machine) must not set a broker aside.
            Set<String> used = new HashSet<>();
            for (int i = 0; i < 16; i++) {
                used.add(producer.send(text("before" + i)).messageQueue().brokerName());
            }
            faults.warming = false;
            assertThat(used).containsExactlyInAnyOrder("broker-a", "broker-b");

            cluster.stopBroker("broker-b");
            for (int i = 0; i < 20; i++) {
                SendResult result = producer.send(text("after" + i));
                assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
                assertThat(result.messageQueue().brokerName()).isEqualTo("broker-a");
                assertThat(new String(cluster.stored("broker-a", result.offsetMsgId()).body(), StandardCharsets.UTF_8))
                        .isEqualTo("after" + i);
            }
            // The first failure sets broker-b aside: later sends do not try it again.
            assertThat(faults.failures.get("broker-b")).hasValue(1);
            assertThat(faults.isAvailable("broker-b")).isFalse();
        }
    }

    @Test
    void asyncSendsFailOverToo() throws Exception {
        try (ClusterFixture cluster = new ClusterFixture(dir, "broker-a", "broker-b");
                Producer producer = Producer.builder().namesrvAddr(cluster.namesrvAddr())
                        .producerGroup("client_async_failover_pg").clientIp("127.0.0.1").build()) {
            cluster.createTopic("client_failover_t", 4);
            for (int i = 0; i < 8; i++) {
                producer.send(text("warm" + i));
            }
            cluster.stopBroker("broker-b");
            List<CompletableFuture<SendResult>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(producer.sendAsync(text("async" + i)));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            for (CompletableFuture<SendResult> future : futures) {
                assertThat(future.join().messageQueue().brokerName()).isEqualTo("broker-a");
            }
        }
    }

    @Test
    void withoutRetriesAFailedSendReportsTheBroker() throws Exception {
        try (ClusterFixture cluster = new ClusterFixture(dir, "broker-a", "broker-b");
                Producer producer = Producer.builder().namesrvAddr(cluster.namesrvAddr())
                        .producerGroup("client_noretry_pg").clientIp("127.0.0.1").retryTimesWhenSendFailed(0)
                        .sendLatencyFaultEnable(false).build()) {
            cluster.createTopic("client_failover_t", 4);
            for (int i = 0; i < 8; i++) {
                producer.send(text("warm" + i));
            }
            cluster.stopBroker("broker-b");
            int failures = 0;
            // Round-robin over 8 queues, half on broker-b: some of 8 sends must hit it and fail.
            for (int i = 0; i < 8; i++) {
                try {
                    producer.send(text("x" + i));
                } catch (io.apogee.client.ClientException e) {
                    assertThat(e.getMessage()).contains("broker-b");
                    failures++;
                }
            }
            assertThat(failures).isGreaterThan(0);
        }
    }

    /**
     * Turns broker-b's send answers into {@code code} while armed: a real answer with another code, to see
     * what the (synchronous) send loop does with a broker error.
     */
    static final class BrokerBAnswers implements RpcHook {
        final AtomicInteger sendsToB = new AtomicInteger();
        final AtomicInteger sends = new AtomicInteger();
        volatile int code = -1;

        @Override
        public void beforeRequest(String remoteAddress, RemotingCommand request) {
        }

        @Override
        public void afterResponse(String remoteAddress, RemotingCommand request, RemotingCommand response) {
            if (request.code() != RequestCode.SEND_MESSAGE_V2 || code < 0) {
                return;
            }
            sends.incrementAndGet();
            if ("broker-b".equals(request.extField("n"))) {
                sendsToB.incrementAndGet();
                response.code(code).remark("made " + code + " by the test");
            }
        }
    }

    @Test
    void aSyncSendAnsweredWithARetryableErrorIsRetriedOnTheOtherBrokerAndOthersAreNot() throws Exception {
        BrokerBAnswers hook = new BrokerBAnswers();
        try (ClusterFixture cluster = new ClusterFixture(dir, "broker-a", "broker-b");
                Producer producer = Producer.builder().namesrvAddr(cluster.namesrvAddr())
                        .producerGroup("client_busy_pg").clientIp("127.0.0.1").sendLatencyFaultEnable(false)
                        .rpcHook(hook).build()) {
            cluster.createTopic("client_failover_t", 4);
            for (int i = 0; i < 8; i++) {
                producer.send(text("warm" + i));
            }
            hook.code = ResponseCode.SYSTEM_BUSY;
            for (int i = 0; i < 8; i++) {
                SendResult result = producer.send(text("busy" + i));
                assertThat(result.messageQueue().brokerName()).isEqualTo("broker-a");
                assertThat(new String(cluster.stored("broker-a", result.offsetMsgId()).body(), StandardCharsets.UTF_8))
                        .isEqualTo("busy" + i);
            }
            // Round-robin over 8 queues, half on broker-b: some of the 8 sends went there first.
            assertThat(hook.sendsToB.get()).isGreaterThan(0);
            assertThat(hook.sends.get()).isEqualTo(8 + hook.sendsToB.get());

            hook.code = ResponseCode.MESSAGE_ILLEGAL;
            hook.sends.set(0);
            hook.sendsToB.set(0);
            int refused = 0;
            for (int i = 0; i < 8; i++) {
                try {
                    producer.send(text("illegal" + i));
                } catch (BrokerException e) {
                    assertThat(e.responseCode()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);
                    refused++;
                }
            }
            assertThat(refused).isEqualTo(hook.sendsToB.get()).isGreaterThan(0);
            assertThat(hook.sends.get()).as("no second attempt after an error another broker would not fix")
                    .isEqualTo(8);
        }
    }

    @Test
    void aSyncSendWithoutRetriesReportsTheBrokerError() throws Exception {
        BrokerBAnswers hook = new BrokerBAnswers();
        try (ClusterFixture cluster = new ClusterFixture(dir, "broker-a", "broker-b");
                Producer producer = Producer.builder().namesrvAddr(cluster.namesrvAddr())
                        .producerGroup("client_busy_noretry_pg").clientIp("127.0.0.1").sendLatencyFaultEnable(false)
                        .retryTimesWhenSendFailed(0).rpcHook(hook).build()) {
            cluster.createTopic("client_failover_t", 4);
            producer.send(text("warm"));
            hook.code = ResponseCode.SYSTEM_BUSY;
            int failures = 0;
            for (int i = 0; i < 8; i++) {
                try {
                    producer.send(text("x" + i));
                } catch (io.apogee.client.ClientException e) {
                    assertThat(e).hasMessageContaining("failed 1 time(s)").hasCauseInstanceOf(BrokerException.class);
                    failures++;
                }
            }
            assertThat(failures).isEqualTo(hook.sendsToB.get()).isGreaterThan(0);
        }
    }
}
