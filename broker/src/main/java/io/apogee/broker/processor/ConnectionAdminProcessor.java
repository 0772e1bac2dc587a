package io.apogee.broker.processor;

import static io.apogee.broker.processor.AdminResponses.error;
import static io.apogee.broker.processor.AdminResponses.okJson;

import io.apogee.broker.BrokerContext;
import io.apogee.broker.client.ClientChannelInfo;
import io.apogee.broker.client.ConsumerGroupInfo;
import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.Connection;
import io.apogee.remoting.protocol.body.ConsumerConnection;
import io.apogee.remoting.protocol.body.ProducerConnection;
import io.apogee.remoting.protocol.header.AdminHeaders;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET_CONSUMER_CONNECTION_LIST} (203) and {@code GET_PRODUCER_CONNECTION_LIST} (204): who is
 * connected in a group (shared/protocol/05-admin.md sections 3.8, 3.9). An offline consumer group is
 * answered {@code CONSUMER_NOT_ONLINE}, which mqadmin's consumerProgress relies on. Thread-safe.
 */
public final class ConnectionAdminProcessor implements RequestProcessor {
    private final BrokerContext context;

    public ConnectionAdminProcessor(BrokerContext context) {
        this.context = context;
    }

    @Override
    public CompletionStage<RemotingCommand> process(RequestContext ctx, RemotingCommand request) throws Exception {
        return switch (request.code()) {
            case RequestCode.GET_CONSUMER_CONNECTION_LIST -> consumers(request);
            case RequestCode.GET_PRODUCER_CONNECTION_LIST -> producers(request);
            default -> AdminResponses.notSupported(request.code());
        };
    }

    private CompletionStage<RemotingCommand> consumers(RemotingCommand request) throws Exception {
        String group = request.readHeader(AdminHeaders.ConsumerGroupRequest.class).consumerGroup();
        ConsumerGroupInfo info = context.consumers().group(group);
        if (info == null || info.channels().isEmpty()) {
            return error(ResponseCode.CONSUMER_NOT_ONLINE, "the consumer group[" + group + "] not online");
        }
        return okJson(new ConsumerConnection(connections(info.channels()), new TreeMap<>(info.subscriptions()),
                info.consumeType(), info.messageModel(), info.consumeFromWhere()));
    }

    private CompletionStage<RemotingCommand> producers(RemotingCommand request) throws Exception {
        String group = request.readHeader(AdminHeaders.ProducerGroupRequest.class).producerGroup();
        Collection<ClientChannelInfo> members = context.producers().members(group);
        if (members == null || members.isEmpty()) {
            return error(ResponseCode.SYSTEM_ERROR, "the producer group[" + group + "] not exist");
        }
        return okJson(new ProducerConnection(connections(members)));
    }

    private static Set<Connection> connections(Collection<ClientChannelInfo> members) {
        Set<Connection> out = new LinkedHashSet<>();
        for (ClientChannelInfo m : members) {
            out.add(new Connection(m.clientId(), m.clientAddr(), m.language().name(), m.version()));
        }
        return out;
    }
}
