package io.apogee.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.protocol.body.MessageQueue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Round-robin ("averagely by circle") allocation covers every queue once, spreading each broker's queues. */
class AllocationStrategiesTest {
    private static List<MessageQueue> queues(int perBroker) {
        List<MessageQueue> out = new ArrayList<>();
        for (String broker : List.of("broker-a", "broker-b")) {
            for (int i = 0; i < perBroker; i++) {
                out.add(new MessageQueue("t", broker, i));
            }
        }
        return out;
    }

    @Test
    void roundRobinTakesEveryNthQueue() {
        List<MessageQueue> all = queues(4);
        List<String> members = List.of("c1", "c2", "c3");
        AllocateStrategy circle = AllocateStrategy.averagelyByCircle();
        assertThat(circle.allocate("g", "c1", all, members)).containsExactly(all.get(0), all.get(3), all.get(6));
        assertThat(circle.allocate("g", "c2", all, members)).containsExactly(all.get(1), all.get(4), all.get(7));
        assertThat(circle.allocate("g", "c3", all, members)).containsExactly(all.get(2), all.get(5));
        assertThat(circle.allocate("g", "stranger", all, members)).isEmpty();
        assertThat(circle.toString()).isEqualTo("AVG_BY_CIRCLE");
    }

    @Test
    void bothStrategiesCoverEachQueueExactlyOnce() {
        for (AllocateStrategy strategy : List.of(AllocateStrategy.averagely(), AllocateStrategy.averagelyByCircle())) {
            for (int members = 1; members <= 9; members++) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < members; i++) {
                    ids.add("c" + i);
                }
                List<MessageQueue> all = queues(4);
                Set<MessageQueue> seen = new HashSet<>();
                int total = 0;
                for (String id : ids) {
                    List<MessageQueue> mine = strategy.allocate("g", id, all, ids);
                    seen.addAll(mine);
                    total += mine.size();
                }
                assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
                assertThat(total).isEqualTo(all.size());
            }
        }
    }
}
