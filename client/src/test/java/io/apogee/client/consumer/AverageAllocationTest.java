package io.apogee.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.protocol.body.MessageQueue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AverageAllocationTest {
    private static List<MessageQueue> queues(int n) {
        List<MessageQueue> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new MessageQueue("t", "broker-a", i));
        }
        return out;
    }

    private static final AllocateStrategy AVG = AllocateStrategy.averagely();

    @Test
    void evenSplitGivesContiguousRanges() {
        List<MessageQueue> all = queues(8);
        assertThat(AVG.allocate("g", "a", all, List.of("a", "b"))).isEqualTo(all.subList(0, 4));
        assertThat(AVG.allocate("g", "b", all, List.of("a", "b"))).isEqualTo(all.subList(4, 8));
    }

    @Test
    void remainderGoesToTheFirstMembers() {
        List<MessageQueue> all = queues(8);
        List<String> members = List.of("a", "b", "c");
        assertThat(AVG.allocate("g", "a", all, members)).isEqualTo(all.subList(0, 3));
        assertThat(AVG.allocate("g", "b", all, members)).isEqualTo(all.subList(3, 6));
        assertThat(AVG.allocate("g", "c", all, members)).isEqualTo(all.subList(6, 8));
    }

    @Test
    void moreMembersThanQueuesLeavesTheLastOnesIdle() {
        List<MessageQueue> all = queues(2);
        List<String> members = List.of("a", "b", "c");
        assertThat(AVG.allocate("g", "a", all, members)).containsExactly(all.get(0));
        assertThat(AVG.allocate("g", "b", all, members)).containsExactly(all.get(1));
        assertThat(AVG.allocate("g", "c", all, members)).isEmpty();
    }

    @Test
    void nonMemberAndNoQueuesGetNothing() {
        assertThat(AVG.allocate("g", "x", queues(4), List.of("a"))).isEmpty();
        assertThat(AVG.allocate("g", "a", List.of(), List.of("a"))).isEmpty();
    }

    @Test
    void everyQueueIsTakenExactlyOnceForManyShapes() {
        for (int q = 0; q <= 17; q++) {
            for (int c = 1; c <= 7; c++) {
                List<MessageQueue> all = queues(q);
                List<String> members = new ArrayList<>();
                for (int i = 0; i < c; i++) {
                    members.add("m" + i);
                }
                Set<MessageQueue> seen = new HashSet<>();
                int total = 0;
                for (String m : members) {
                    List<MessageQueue> mine = AVG.allocate("g", m, all, members);
                    assertThat(mine.size()).isBetween(q / c, q / c + 1);
                    seen.addAll(mine);
                    total += mine.size();
                }
                assertThat(total).isEqualTo(q);
                assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
            }
        }
    }
}
