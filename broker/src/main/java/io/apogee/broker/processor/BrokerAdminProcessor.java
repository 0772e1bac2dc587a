package io.apogee.broker.processor;

import static io.apogee.broker.processor.AdminResponses.error;
import static io.apogee.broker.processor.AdminResponses.ok;
import static io.apogee.broker.processor.AdminResponses.okJson;

import io.apogee.broker.BrokerConfig;
import io.apogee.broker.BrokerContext;
import io.apogee.broker.BrokerExecutors;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.common.metadata.DataVersion;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.KVTable;
import io.apogee.remoting.protocol.header.AdminHeaders;
import io.apogee.store.StoreConfig;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker-wide admin family: {@code GET_BROKER_RUNTIME_INFO} (28), {@code GET_BROKER_CONFIG} (26) and
 * {@code UPDATE_BROKER_CONFIG} (25) (shared/protocol/05-admin.md sections 4.9, 4.10, 4.21). Updates
 * apply to the live {@link BrokerConfig} only; the store's settings are fixed while it runs.
 * Thread-safe: updates are serialised on this processor.
 */
public final class BrokerAdminProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerAdminProcessor.class);
    private static final Set<String> BLACK_LIST = Set.of("brokerConfigPath", "rocketmqHome", "configBlackList");

    private final BrokerContext context;
    private final BrokerRuntimeInfo runtimeInfo;
    private final AtomicReference<DataVersion> configVersion;

    public BrokerAdminProcessor(BrokerContext context, BrokerExecutors pools, BrokerStats stats) {
        this.context = context;
        this.runtimeInfo = new BrokerRuntimeInfo(context, pools, stats);
        this.configVersion = new AtomicReference<>(DataVersion.ZERO.next(context.clock().millis()));
    }

    @Override
    public CompletionStage<RemotingCommand> process(RequestContext ctx, RemotingCommand request) throws Exception {
        return switch (request.code()) {
            case RequestCode.GET_BROKER_RUNTIME_INFO -> okJson(new KVTable(runtimeInfo.snapshot()));
            case RequestCode.GET_BROKER_CONFIG -> config();
            case RequestCode.UPDATE_BROKER_CONFIG -> AdminAudit.record(ctx, request, "updateBrokerConfig",
                    "BrokerConfig:" + configKeys(request), () -> update(request, ctx.remoteAddress()));
            default -> AdminResponses.notSupported(request.code());
        };
    }

    /** Every setting as sorted {@code key=value} lines, the version in the header. */
    private CompletionStage<RemotingCommand> config() {
        Map<String, String> all = new TreeMap<>(storeSettings(context.store().config()));
        all.putAll(context.config().describe());
        StringBuilder text = new StringBuilder(all.size() * 40);
        all.forEach((k, v) -> text.append(k).append('=').append(v == null ? "" : v).append('\n'));
        String version = new String(JsonBody.encode(configVersion.get()), StandardCharsets.UTF_8);
        return ok(text.toString().getBytes(StandardCharsets.UTF_8))
                .thenApply(r -> r.writeHeader(new AdminHeaders.BrokerConfigResponse(version)));
    }

    private static Map<String, String> storeSettings(StoreConfig store) {
        Map<String, String> m = new TreeMap<>();
        m.put("storePathRootDir", store.storePathRootDir().toString());
        m.put("storePathCommitLog", store.commitLogDir().toString());
        m.put("mappedFileSizeCommitLog", Integer.toString(store.mappedFileSizeCommitLog()));
        m.put("mappedFileSizeConsumeQueue", Integer.toString(store.mappedFileSizeConsumeQueue()));
        m.put("maxMessageSize", Integer.toString(store.maxMessageSize()));
        m.put("messageIndexEnable", Boolean.toString(store.messageIndexEnable()));
        m.put("messageDelayLevel", store.messageDelayLevel());
        return m;
    }

    /** The keys (never the values) of an UPDATE_BROKER_CONFIG body, for the audit line. */
    private static String configKeys(RemotingCommand request) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(request.body() == null ? ""
                    : new String(request.body(), StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            return "?";
        }
        return String.join(",", new java.util.TreeSet<>(properties.stringPropertyNames()));
    }

    private synchronized CompletionStage<RemotingCommand> update(RemotingCommand request, String from) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(request.body() == null ? ""
                    : new String(request.body(), StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            return error(ResponseCode.SYSTEM_ERROR, "the body is not properties text: " + e.getMessage());
        }
        for (String key : properties.stringPropertyNames()) {
            if (BLACK_LIST.contains(key)) {
                return error(ResponseCode.NO_PERMISSION, "Can not update config in black list.");
            }
        }
        List<String> unknown = properties.stringPropertyNames().stream().filter(k -> !BrokerConfig.knows(k)).sorted()
                .toList();
        if (!unknown.isEmpty()) {
            return error(ResponseCode.SYSTEM_ERROR, "not broker settings that can change at run time: " + unknown);
        }
        try {
            context.config().apply(properties);
        } catch (IllegalArgumentException e) {
            return error(ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        configVersion.updateAndGet(v -> v.next(context.clock().millis()));
        LOG.info("broker config updated by {}: {}", from, properties.stringPropertyNames());
        return AdminResponses.ok();
    }
}
