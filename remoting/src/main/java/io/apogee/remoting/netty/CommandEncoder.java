package io.apogee.remoting.netty;

import io.apogee.remoting.protocol.CommandCodec;
import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Turns a command into a frame. Large bodies are wrapped, not copied. Stateless, so shared by all
 * connections.
 */
@Sharable
public final class CommandEncoder extends MessageToMessageEncoder<RemotingCommand> {
    public static final CommandEncoder INSTANCE = new CommandEncoder();

    private CommandEncoder() {
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RemotingCommand command, List<Object> out) {
        out.add(CommandCodec.encode(command, ctx.alloc()));
    }
}
