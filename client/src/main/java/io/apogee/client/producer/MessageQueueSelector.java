package io.apogee.client.producer;

import io.apogee.client.Message;
import io.apogee.remoting.protocol.body.MessageQueue;
import java.util.List;

/**
 * Chooses the queue of an ordered send: messages of one key (an order id, say) that go to one queue
 * are consumed in the order they were sent. Called on the sending thread; implementations must be
 * thread-safe when the producer is shared.
 */
@FunctionalInterface
public interface MessageQueueSelector {
    /**
     * @param queues the topic's writable queues, in a stable order (broker name, then queue id)
     * @param message the message being sent
     * @param arg the argument given to the send
     * @return one of {@code queues}
     */
    MessageQueue select(List<MessageQueue> queues, Message message, Object arg);

    /** Selects by the hash of {@code arg}: the same argument always gets the same queue. */
    static MessageQueueSelector byHash() {
        return (queues, message, arg) -> queues.get(Math.floorMod(arg == null ? 0 : arg.hashCode(), queues.size()));
    }
}
