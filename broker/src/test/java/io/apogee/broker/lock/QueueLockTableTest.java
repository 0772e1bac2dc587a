package io.apogee.broker.lock;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.protocol.body.MessageQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QueueLockTableTest {
    private final AtomicLong now = new AtomicLong(0);
    private final QueueLockTable table = new QueueLockTable(now::get, 60_000);
    private final MessageQueue q = new MessageQueue("t", "b", 0);

    @Test
    void aLockNotRefreshedForItsLifetimeGoesToTheNextClient() {
        assertThat(table.lock("g", "a", Set.of(q))).containsExactly(q);
        now.set(60_000);
        assertThat(table.lock("g", "b", Set.of(q))).as("still alive at exactly the lifetime").isEmpty();
        now.set(60_001);
        assertThat(table.lock("g", "b", Set.of(q))).containsExactly(q);
        assertThat(table.isLockedBy("g", q, "b")).isTrue();
        assertThat(table.isLockedBy("g", q, "a")).isFalse();
    }

    @Test
    void locksOfOneGroupDoNotConcernAnother() {
        table.lock("g1", "a", Set.of(q));
        assertThat(table.lock("g2", "b", Set.of(q))).containsExactly(q);
    }

    @Test
    void onlyTheHolderCanUnlock() {
        table.lock("g", "a", Set.of(q));
        table.unlock("g", "b", Set.of(q));
        assertThat(table.isLockedBy("g", q, "a")).isTrue();
        table.unlock("g", "a", Set.of(q));
        assertThat(table.lock("g", "b", Set.of(q))).containsExactly(q);
    }
}
