package io.apogee.remoting.netty;

import io.apogee.remoting.RequestContext;
import io.apogee.remoting.RequestRejectedException;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.HeaderException;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stop of an inbound command: responses go to the call waiting for them; requests go through
 * the RPC hooks to the processor registered for their code, on that processor's executor, and their
 * responses go back in the request's serialize type. Every failure becomes an error response; nothing
 * escapes into the pipeline. Shared by all connections of an endpoint; thread-safe.
 */
@Sharable
public final class CommandDispatcher extends SimpleChannelInboundHandler<RemotingCommand> {
    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);
    static final String OVERLOAD_REMARK = "[OVERLOAD]system busy, start flow control for a while";
    static final String REJECT_REMARK = "[REJECTREQUEST]system busy, start flow control for a while";

    private final ProcessorRegistry processors;
    private final ChannelInvoker invoker;
    private final List<RpcHook> hooks;

    public CommandDispatcher(ProcessorRegistry processors, ChannelInvoker invoker, List<RpcHook> hooks) {
        this.processors = processors;
        this.invoker = invoker;
        this.hooks = hooks;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RemotingCommand command) {
        if (command.isResponse()) {
            invoker.onResponse(command, ctx.channel());
        } else {
            dispatch(RequestContext.of(ctx.channel()), command);
        }
    }

    private void dispatch(RequestContext context, RemotingCommand request) {
        ProcessorRegistry.Registration registration = processors.lookup(request.code());
        if (registration == null) {
            reply(context, request, RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    " request type " + request.code() + " not supported"));
            return;
        }
        if (registration.processor().rejectsRequests()) {
            reply(context, request, RemotingCommand.response(ResponseCode.SYSTEM_BUSY, REJECT_REMARK));
            return;
        }
        try {
            registration.executor().execute(() -> process(registration, context, request));
        } catch (RejectedExecutionException e) {
            LOG.warn("request executor full, refusing code {} from {}", request.code(), context.remoteAddress());
            reply(context, request, RemotingCommand.response(ResponseCode.SYSTEM_BUSY, OVERLOAD_REMARK));
        }
    }

    private void process(ProcessorRegistry.Registration registration, RequestContext context,
            RemotingCommand request) {
        CompletionStage<RemotingCommand> result;
        try {
            for (RpcHook hook : hooks) {
                hook.beforeRequest(context.remoteAddress(), request);
            }
            result = registration.processor().process(context, request);
        } catch (Throwable e) {
            finish(context, request, errorResponse(context, request, e));
            return;
        }
        if (result == null) {
            return;
        }
        result.whenComplete((response, failure) -> finish(context, request,
                failure == null ? response : errorResponse(context, request, failure)));
    }

    private void finish(RequestContext context, RemotingCommand request, RemotingCommand response) {
        for (RpcHook hook : hooks) {
            try {
                hook.afterResponse(context.remoteAddress(), request, request.isOneway() ? null : response);
            } catch (RuntimeException e) {
                LOG.warn("RPC hook {} failed after code {}", hook.getClass().getName(), request.code(), e);
            }
        }
        if (response != null) {
            reply(context, request, response);
        }
    }

    private static RemotingCommand errorResponse(RequestContext context, RemotingCommand request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof RequestRejectedException rejected) {
            return RemotingCommand.response(rejected.responseCode(), rejected.getMessage());
        }
        if (cause instanceof HeaderException) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, cause.getMessage());
        }
        LOG.warn("processing code {} from {} failed", request.code(), context.remoteAddress(), cause);
        return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }

    private static void reply(RequestContext context, RemotingCommand request, RemotingCommand response) {
        if (request.isOneway()) {
            return;
        }
        response.opaque(request.opaque()).markResponse().serializeType(request.serializeType());
        if (context.channel().isActive()) {
            context.channel().writeAndFlush(response).addListener(f -> {
                if (!f.isSuccess()) {
                    // The peer went away before its answer: routine, and nothing else to do.
                    LOG.debug("could not answer code {} to {}: {}", request.code(), context.remoteAddress(), f.cause());
                }
            });
        }
    }
}
