package io.apogee.client.consumer;

import io.apogee.client.ReceivedMessage;
import io.apogee.client.runtime.RouteService;
import io.apogee.remoting.protocol.body.MessageQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a message the listener failed back to the master of the broker it came from
 * ({@code CONSUMER_SEND_MSG_BACK}), which stores it again in the group's retry topic with its
 * reconsume count one higher, or in the dead-letter topic once the count reaches
 * {@code maxReconsumeTimes} (or for {@code delayLevel < 0}). Blocking; called on consume threads.
 * Thread-safe.
 */
final class BrokerSendBack implements SendBack {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerSendBack.class);

    private final ConsumerBrokerApi api;
    private final RouteService routes;
    private final int maxReconsumeTimes;
    private final long timeoutMillis;

    BrokerSendBack(ConsumerBrokerApi api, RouteService routes, int maxReconsumeTimes, long timeoutMillis) {
        this.api = api;
        this.routes = routes;
        this.maxReconsumeTimes = maxReconsumeTimes;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public boolean sendBack(MessageQueue from, ReceivedMessage message, int delayLevel) {
        String addr = routes.table().masterAddr(from.brokerName());
        if (addr == null) {
            LOG.warn("no master of {} to send message {} back to", from.brokerName(), message.msgId());
            return false;
        }
        try {
            api.sendBack(addr, from.brokerName(), message, delayLevel, maxReconsumeTimes)
                    .get(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.warn("send-back of message {} (reconsumed {} times) to {} failed: {}", message.msgId(),
                    message.reconsumeTimes(), addr, e.toString());
            return false;
        }
    }
}
