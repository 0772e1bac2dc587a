package io.apogee.client.runtime;

import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.header.ConsumeHeaders.NotifyConsumerIdsChanged;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code NOTIFY_CONSUMER_IDS_CHANGED} (shared/protocol/03-broker-client.md section 16, oneway):
 * tells the local consumer of the named group to rebalance. A notice for a group this client has no
 * consumer of is ignored. Thread-safe.
 */
final class ConsumerIdsChangedProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerIdsChangedProcessor.class);

    private final Function<String, ConsumerMember> consumers;

    ConsumerIdsChangedProcessor(Function<String, ConsumerMember> consumers) {
        this.consumers = consumers;
    }

    @Override
    public CompletionStage<RemotingCommand> process(RequestContext context, RemotingCommand request) throws Exception {
        String group = request.readHeader(NotifyConsumerIdsChanged.class).consumerGroup();
        ConsumerMember consumer = consumers.apply(group);
        if (consumer != null) {
            try {
                consumer.onConsumerIdsChanged();
            } catch (RuntimeException e) {
                LOG.warn("consumer of group {} failed to handle a membership notice", group, e);
            }
        }
        return CompletableFuture.completedFuture(null);
    }
}
