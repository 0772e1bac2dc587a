package io.apogee.remoting.netty;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The handlers every connection carries after TLS, in order: framing, command decoding and encoding,
 * idle detection, dispatch, and the connection-event tail that catches every failure. Shared by
 * servers and clients so that both sides frame, fail and close alike.
 */
final class CommandPipeline {
    private CommandPipeline() {
    }

    static void install(ChannelPipeline pipeline, int frameMaxLength, int maxIdleSeconds, CommandDispatcher dispatcher,
            ConnectionEvents events) {
        pipeline.addLast("frame-decoder", new FrameDecoder(frameMaxLength));
        pipeline.addLast("command-decoder", CommandDecoder.INSTANCE);
        pipeline.addLast("command-encoder", CommandEncoder.INSTANCE);
        pipeline.addLast("idle", new IdleStateHandler(0, 0, maxIdleSeconds, TimeUnit.SECONDS));
        pipeline.addLast("dispatcher", dispatcher);
        pipeline.addLast("events", events);
    }
}
