package io.apogee.remoting.netty;

import io.apogee.remoting.protocol.CommandCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/** Turns one frame (length field stripped) into a command. Stateless, so shared by all connections. */
@Sharable
public final class CommandDecoder extends MessageToMessageDecoder<ByteBuf> {
    public static final CommandDecoder INSTANCE = new CommandDecoder();

    private CommandDecoder() {
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(CommandCodec.decode(frame));
    }
}
