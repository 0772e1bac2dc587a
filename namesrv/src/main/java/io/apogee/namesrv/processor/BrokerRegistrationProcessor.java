package io.apogee.namesrv.processor;

import io.apogee.namesrv.kv.KvConfigStore;
import io.apogee.namesrv.route.Registration;
import io.apogee.namesrv.route.RegistrationResult;
import io.apogee.namesrv.route.RouteTable;
import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.RequestRejectedException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingVersion;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyException;
import io.apogee.common.metadata.DataVersion;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.KVTable;
import io.apogee.remoting.protocol.body.RegisterBrokerBody;
import io.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import io.apogee.remoting.protocol.header.NamesrvHeaders;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32;

/**
 * Brokers joining, leaving and staying alive: {@code REGISTER_BROKER}, {@code UNREGISTER_BROKER},
 * {@code QUERY_DATA_VERSION} and {@code BROKER_HEARTBEAT}. Thread-safe.
 */
public final class BrokerRegistrationProcessor implements RequestProcessor {
    static final String ORDER_TOPIC_NAMESPACE = "ORDER_TOPIC_CONFIG";

    private final RouteTable routes;
    private final KvConfigStore kv;
    private final BooleanSupplier returnOrderTopicConfig;

    public BrokerRegistrationProcessor(RouteTable routes, KvConfigStore kv, BooleanSupplier returnOrderTopicConfig) {
        this.routes = routes;
        this.kv = kv;
        this.returnOrderTopicConfig = returnOrderTopicConfig;
    }

    @Override
    public CompletionStage<RemotingCommand> process(RequestContext context, RemotingCommand request) throws Exception {
        switch (request.code()) {
            case RequestCode.REGISTER_BROKER:
                return done(register(context, request));
            case RequestCode.UNREGISTER_BROKER: {
                NamesrvHeaders.UnregisterBroker header = request.readHeader(NamesrvHeaders.UnregisterBroker.class);
                routes.unregister(header.clusterName(), header.brokerAddr(), header.brokerName());
                return done(RemotingCommand.response(ResponseCode.SUCCESS, null));
            }
            case RequestCode.QUERY_DATA_VERSION:
                return done(queryDataVersion(request));
            case RequestCode.BROKER_HEARTBEAT: {
                NamesrvHeaders.BrokerHeartbeat header = request.readHeader(NamesrvHeaders.BrokerHeartbeat.class);
                routes.heartbeat(header.clusterName(), header.brokerAddr());
                return done(RemotingCommand.response(ResponseCode.SUCCESS, null));
            }
            default:
                throw new IllegalArgumentException("not a registration code: " + request.code());
        }
    }

    private RemotingCommand register(RequestContext context, RemotingCommand request) throws Exception {
        NamesrvHeaders.RegisterBroker header = request.readHeader(NamesrvHeaders.RegisterBroker.class);
        byte[] body = request.body();
        if (header.bodyCrc32() != null && header.bodyCrc32() != 0) {
            CRC32 crc = new CRC32();
            if (body != null) {
                crc.update(body);
            }
            if (((int) crc.getValue() & 0x7FFFFFFF) != header.bodyCrc32()) {
                return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "crc32 not match");
            }
        }
        RegisterBrokerBody decoded = decodeBody(header, body, request.version());
        RegistrationResult result = routes.register(new Registration(header.clusterName(), header.brokerAddr(),
                header.brokerName(), header.brokerId(), header.haServerAddr(), request.extField("__ZONE_NAME"),
                header.heartbeatTimeoutMillis(), Boolean.TRUE.equals(header.enableActingMaster()),
                decoded.topicConfigSerializeWrapper(), decoded.filterServerList(), context.channel()));
        if (result.refusal() != null) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, result.refusal());
        }
        RemotingCommand response = RemotingCommand.response(ResponseCode.SUCCESS, null)
                .writeHeader(new NamesrvHeaders.RegisterBrokerResult(result.masterHaServerAddr(), result.masterAddr()));
        Map<String, String> orderTopics = kv.namespace(ORDER_TOPIC_NAMESPACE);
        if (returnOrderTopicConfig.getAsBoolean() && orderTopics != null) {
            response.body(JsonBody.encode(new KVTable(orderTopics)));
        }
        return response;
    }

    private static RegisterBrokerBody decodeBody(NamesrvHeaders.RegisterBroker header, byte[] body, int version)
            throws RequestRejectedException {
        if (body == null || body.length == 0) {
            return new RegisterBrokerBody(null, null);
        }
        try {
            if (header.compressed()) {
                return CompressedRegisterBody.decode(body, version >= RemotingVersion.V5_0_0);
            }
            if (version >= RemotingVersion.V3_0_11) {
                return JsonBody.decode(body, RegisterBrokerBody.class);
            }
            return new RegisterBrokerBody(JsonBody.decode(body, TopicConfigSerializeWrapper.class), null);
        } catch (BodyException e) {
            throw new RequestRejectedException(ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
    }

    private RemotingCommand queryDataVersion(RemotingCommand request) throws Exception {
        NamesrvHeaders.QueryDataVersion header = request.readHeader(NamesrvHeaders.QueryDataVersion.class);
        DataVersion reported;
        try {
            reported = JsonBody.decode(request.body(), DataVersion.class);
        } catch (BodyException e) {
            throw new RequestRejectedException(ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        DataVersion stored = routes.liveDataVersion(header.clusterName(), header.brokerAddr());
        boolean changed = stored == null || !stored.equals(reported);
        RemotingCommand response = RemotingCommand.response(ResponseCode.SUCCESS, null)
                .writeHeader(new NamesrvHeaders.QueryDataVersionResult(changed));
        if (stored != null) {
            response.body(JsonBody.encode(stored));
        }
        return response;
    }

    private static CompletionStage<RemotingCommand> done(RemotingCommand response) {
        return CompletableFuture.completedFuture(response);
    }
}
