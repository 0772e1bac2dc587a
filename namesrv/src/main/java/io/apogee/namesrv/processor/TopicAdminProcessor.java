package io.apogee.namesrv.processor;

import io.apogee.namesrv.route.RouteTable;
import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.RequestRejectedException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyException;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.TopicRouteData;
import io.apogee.remoting.protocol.header.NamesrvHeaders;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operators changing routes: delete a topic, register one, wipe or restore a broker's write
 * permission. Thread-safe.
 */
public final class TopicAdminProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(TopicAdminProcessor.class);

    private final RouteTable routes;

    public TopicAdminProcessor(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public CompletionStage<RemotingCommand> process(RequestContext context, RemotingCommand request) throws Exception {
        RemotingCommand response = RemotingCommand.response(ResponseCode.SUCCESS, null);
        switch (request.code()) {
            case RequestCode.DELETE_TOPIC_IN_NAMESRV: {
                NamesrvHeaders.DeleteTopic header = request.readHeader(NamesrvHeaders.DeleteTopic.class);
                routes.deleteTopic(header.topic(), header.clusterName());
                LOG.info("topic {} deleted by {} (cluster {})", header.topic(), context.remoteAddress(), header.clusterName());
                break;
            }
            case RequestCode.REGISTER_TOPIC_IN_NAMESRV: {
                String topic = request.readHeader(NamesrvHeaders.RegisterTopic.class).topic();
                if (request.body() != null && request.body().length > 0) {
                    try {
                        routes.registerTopic(topic, JsonBody.decode(request.body(), TopicRouteData.class).queueDatas());
                    } catch (BodyException e) {
                        throw new RequestRejectedException(ResponseCode.SYSTEM_ERROR, e.getMessage());
                    }
                }
                break;
            }
            case RequestCode.WIPE_WRITE_PERM_OF_BROKER: {
                String brokerName = request.readHeader(NamesrvHeaders.WipeWritePerm.class).brokerName();
                int count = routes.wipeWritePerm(brokerName);
                LOG.info("write permission of broker {} wiped by {}: {} topics", brokerName, context.remoteAddress(), count);
                response.writeHeader(new NamesrvHeaders.WipeWritePermResult(count));
                break;
            }
            case RequestCode.ADD_WRITE_PERM_OF_BROKER: {
                String brokerName = request.readHeader(NamesrvHeaders.AddWritePerm.class).brokerName();
                int count = routes.addWritePerm(brokerName);
                LOG.info("write permission of broker {} added by {}: {} topics", brokerName, context.remoteAddress(), count);
                response.writeHeader(new NamesrvHeaders.AddWritePermResult(count));
                break;
            }
            default:
                throw new IllegalArgumentException("not a topic admin code: " + request.code());
        }
        return CompletableFuture.completedFuture(response);
    }
}
