package io.apogee.client.consumer;

import io.apogee.client.ReceivedMessage;
import io.apogee.remoting.protocol.body.MessageQueue;

/** Hands a message the listener failed back to the brokers for a later retry or the dead-letter topic. */
interface SendBack {
    /**
     * @param from the queue the message was pulled from
     * @param delayLevel 0: the broker picks from the reconsume count; &gt; 0: that level; &lt; 0: the DLQ
     * @return true when the broker took the message; false when the caller must keep it
     */
    boolean sendBack(MessageQueue from, ReceivedMessage message, int delayLevel);
}
