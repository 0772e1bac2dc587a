package io.apogee.client.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.protocol.body.BrokerData;
import io.apogee.remoting.protocol.body.MessageQueue;
import io.apogee.remoting.protocol.body.Permission;
import io.apogee.remoting.protocol.body.QueueData;
import io.apogee.remoting.protocol.body.TopicRouteData;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Publish queues from routes, queue picking, and the latency fault strategy, without a network. */
class QueueSelectionTest {
    private static BrokerData broker(String name, boolean withMaster) {
        return new BrokerData("c", name, withMaster ? Map.of(0L, name + ":10911") : Map.of(1L, name + ":10911"), false,
                null);
    }

    private static TopicRouteData route(String orderConf) {
        return new TopicRouteData(orderConf, List.of(
                new QueueData("broker-b", Permission.READ_WRITE, 2, 0, 2),
                new QueueData("broker-a", Permission.READ_WRITE, 4, 0, 3),
                new QueueData("broker-ro", Permission.READ, 4, 0, 4),
                new QueueData("broker-slave-only", Permission.READ_WRITE, 4, 0, 4)),
                List.of(broker("broker-a", true), broker("broker-b", true), broker("broker-ro", true),
                        broker("broker-slave-only", false)), null, null);
    }

    @Test
    void publishQueuesAreTheWritableQueuesOfBrokersWithAMasterInNameOrder() {
        TopicPublishInfo info = TopicPublishInfo.of("t", route(null));

        assertThat(info.queues()).containsExactly(new MessageQueue("t", "broker-a", 0),
                new MessageQueue("t", "broker-a", 1), new MessageQueue("t", "broker-a", 2),
                new MessageQueue("t", "broker-b", 0), new MessageQueue("t", "broker-b", 1));
    }

    @Test
    void orderTopicConfNamesTheQueuesItself() {
        TopicPublishInfo info = TopicPublishInfo.of("t", route("broker-b:2;broker-a:1"));

        assertThat(info.queues()).containsExactly(new MessageQueue("t", "broker-b", 0),
                new MessageQueue("t", "broker-b", 1), new MessageQueue("t", "broker-a", 0));
    }

    @Test
    void pickingGoesRoundTheQueuesAndAvoidsTheFailedAndTheFaultyBroker() {
        TopicPublishInfo info = TopicPublishInfo.of("t", route(null));
        Set<MessageQueue> seen = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            seen.add(QueuePicker.pick(info, null, BrokerFaultStrategy.none()));
        }
        assertThat(seen).hasSize(5);

        for (int i = 0; i < 10; i++) {
            assertThat(QueuePicker.pick(info, "broker-a", BrokerFaultStrategy.none()).brokerName()).isEqualTo("broker-b");
        }
        LatencyFaultStrategy faults = new LatencyFaultStrategy();
        faults.record("broker-b", 0, true);
        for (int i = 0; i < 10; i++) {
            assertThat(QueuePicker.pick(info, null, faults).brokerName()).isEqualTo("broker-a");
        }
        // Every broker avoided: anything but the one that just failed is still better than nothing.
        faults.record("broker-a", 0, true);
        assertThat(QueuePicker.pick(info, "broker-a", faults).brokerName()).isEqualTo("broker-b");
    }

    @Test
    void latencyFaultStrategyAvoidsByLatencyStepsAndForgives() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        LatencyFaultStrategy faults = new LatencyFaultStrategy(now::get);

        faults.record("b", 40, false);
        assertThat(faults.isAvailable("b")).isTrue();
        faults.record("b", 600, false);
        assertThat(faults.isAvailable("b")).isFalse();
        now.addAndGet(2_000_000_000L);
        assertThat(faults.isAvailable("b")).isTrue();

        faults.record("b", 0, true);
        now.addAndGet(9_999_000_000L);
        assertThat(faults.isAvailable("b")).isFalse();
        now.addAndGet(1_000_000L);
        assertThat(faults.isAvailable("b")).isTrue();
        // A fast success clears the broker at once.
        faults.record("b", 0, true);
        faults.record("b", 10, false);
        assertThat(faults.isAvailable("b")).isTrue();

        assertThat(LatencyFaultStrategy.avoidanceFor(15_000)).isEqualTo(30_000);
        assertThat(LatencyFaultStrategy.avoidanceFor(99)).isZero();
    }
}
