package io.apogee.broker.client;

import io.apogee.broker.group.SubscriptionGroupManager;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.header.ConsumeHeaders;
import io.apogee.store.metadata.SubscriptionGroupConfig;
import io.netty.channel.Channel;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every member of a clustering consumer group that the group changed (a member joined or left,
 * or subscriptions changed) with a oneway {@code NOTIFY_CONSUMER_IDS_CHANGED}, so that they rebalance
 * at once rather than at their next 20 s round. Broadcasting groups do not rebalance and are not told;
 * nor are groups whose {@code notifyConsumerIdsChangedEnable} is off.
 *
 * <p>Group changes are reported on request threads and on Netty threads (a closed connection), so the
 * sends run on {@code executor}: a oneway send may wait for a permit, and a Netty thread must never wait.
 * One member's failure never stops the others. Thread-safe.
 */
public final class ConsumerIdsChangeNotifier implements ConsumerManager.GroupChangeListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerIdsChangeNotifier.class);
    private static final long SEND_TIMEOUT_MILLIS = 3_000;

    /** Sends one oneway command on a client connection; the broker's server in production. */
    @FunctionalInterface
    public interface OnewaySender {
        void send(Channel channel, RemotingCommand command, long timeoutMillis) throws Exception;
    }

    private final SubscriptionGroupManager groups;
    private final OnewaySender sender;
    private final Executor executor;

    public ConsumerIdsChangeNotifier(SubscriptionGroupManager groups, OnewaySender sender, Executor executor) {
        this.groups = groups;
        this.sender = sender;
        this.executor = executor;
    }

    @Override
    public void groupChanged(ConsumerGroupInfo group) {
        if (!group.isClustering()) {
            return;
        }
        SubscriptionGroupConfig config = groups.get(group.groupName());
        if (config != null && !config.notifyConsumerIdsChangedEnable()) {
            return;
        }
        try {
            executor.execute(() -> notifyMembers(group));
        } catch (RejectedExecutionException e) {
            // Members still rebalance on their own timer; losing a notice only delays them.
            LOG.warn("could not schedule the change notice of consumer group {}: {}", group.groupName(), e.toString());
        }
    }

    private void notifyMembers(ConsumerGroupInfo group) {
        for (ClientChannelInfo member : group.channels()) {
            Channel channel = member.channel();
            if (!channel.isActive()) {
                continue;
            }
            // One command per member: each frame carries its own opaque and is encoded on its own channel.
            RemotingCommand notice = RemotingCommand.request(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED,
                    new ConsumeHeaders.NotifyConsumerIdsChanged(group.groupName()));
            try {
                sender.send(channel, notice, SEND_TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warn("could not tell consumer {} ({}) that group {} changed: {}", member.clientId(),
                        member.clientAddr(), group.groupName(), e.toString());
            }
        }
    }
}
