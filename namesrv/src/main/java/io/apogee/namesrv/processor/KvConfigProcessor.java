package io.apogee.namesrv.processor;

import io.apogee.namesrv.kv.KvConfigStore;
import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.KVTable;
import io.apogee.remoting.protocol.header.NamesrvHeaders;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The KV configuration: put, get, delete, list a namespace. Thread-safe. */
public final class KvConfigProcessor implements RequestProcessor {
    private final KvConfigStore kv;

    public KvConfigProcessor(KvConfigStore kv) {
        this.kv = kv;
    }

    @Override
    public CompletionStage<RemotingCommand> process(RequestContext context, RemotingCommand request) throws Exception {
        return CompletableFuture.completedFuture(answer(request));
    }

    private RemotingCommand answer(RemotingCommand request) throws Exception {
        switch (request.code()) {
            case RequestCode.PUT_KV_CONFIG: {
                if (request.extField("namespace") == null || request.extField("key") == null) {
                    return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "namespace or key is null");
                }
                NamesrvHeaders.PutKvConfig header = request.readHeader(NamesrvHeaders.PutKvConfig.class);
                kv.put(header.namespace(), header.key(), header.value());
                return RemotingCommand.response(ResponseCode.SUCCESS, null);
            }
            case RequestCode.GET_KV_CONFIG: {
                NamesrvHeaders.KvConfigKey header = request.readHeader(NamesrvHeaders.KvConfigKey.class);
                String value = kv.get(header.namespace(), header.key());
                if (value == null) {
                    return RemotingCommand.response(ResponseCode.QUERY_NOT_FOUND,
                            "No config item, Namespace: " + header.namespace() + " Key: " + header.key());
                }
                return RemotingCommand.response(ResponseCode.SUCCESS, null)
                        .writeHeader(new NamesrvHeaders.GetKvConfigResult(value));
            }
            case RequestCode.DELETE_KV_CONFIG: {
                NamesrvHeaders.KvConfigKey header = request.readHeader(NamesrvHeaders.KvConfigKey.class);
                kv.delete(header.namespace(), header.key());
                return RemotingCommand.response(ResponseCode.SUCCESS, null);
            }
            case RequestCode.GET_KVLIST_BY_NAMESPACE: {
                String namespace = request.readHeader(NamesrvHeaders.GetKvList.class).namespace();
                Map<String, String> table = kv.namespace(namespace);
                if (table == null) {
                    return RemotingCommand.response(ResponseCode.QUERY_NOT_FOUND, "No config item, Namespace: " + namespace);
                }
                return RemotingCommand.response(ResponseCode.SUCCESS, null).body(JsonBody.encode(new KVTable(table)));
            }
            default:
                throw new IllegalArgumentException("not a KV config code: " + request.code());
        }
    }
}
