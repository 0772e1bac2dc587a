package io.apogee.namesrv.processor;

import io.apogee.common.io.AtomicFile;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading and changing the name server's own settings ({@code GET_NAMESRV_CONFIG},
 * {@code UPDATE_NAMESRV_CONFIG}). Changes are persisted to {@code configStorePath}. Thread-safe.
 */
public final class NamesrvConfigProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(NamesrvConfigProcessor.class);

    private final NamesrvConfig config;

    public NamesrvConfigProcessor(NamesrvConfig config) {
        this.config = config;
    }

    @Override
    public CompletionStage<RemotingCommand> process(RequestContext context, RemotingCommand request) {
        switch (request.code()) {
            case RequestCode.GET_NAMESRV_CONFIG:
                return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS, null)
                        .body(config.describe().getBytes(StandardCharsets.UTF_8)));
            case RequestCode.UPDATE_NAMESRV_CONFIG:
                return CompletableFuture.completedFuture(update(context, request.body()));
            default:
                throw new IllegalArgumentException("not a name-server config code: " + request.code());
        }
    }

    private synchronized RemotingCommand update(RequestContext context, byte[] body) {
        if (body == null || body.length == 0) {
            return RemotingCommand.response(ResponseCode.SUCCESS, null);
        }
        Properties changes = new Properties();
        try {
            changes.load(new StringReader(new String(body, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "string2Properties error");
        }
        for (String key : changes.stringPropertyNames()) {
            if (config.isBlackListed(key)) {
                return RemotingCommand.response(ResponseCode.NO_PERMISSION, "Can not update config in black list.");
            }
        }
        try {
            // Validate on a scratch copy first, so that a bad value changes nothing at all.
            new NamesrvConfig().apply(changes);
            config.apply(changes);
            AtomicFile.write(Path.of(config.configStorePath()), config.describe().getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, e.getMessage());
        } catch (IOException e) {
            LOG.error("cannot persist the name-server config to {}", config.configStorePath(), e);
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "config applied but not persisted: " + e.getMessage());
        }
        LOG.info("name-server config updated by {}: {}", context.remoteAddress(), changes.stringPropertyNames());
        return RemotingCommand.response(ResponseCode.SUCCESS, null);
    }
}
