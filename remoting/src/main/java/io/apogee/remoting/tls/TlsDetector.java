package io.apogee.remoting.tls;

import io.apogee.remoting.Addresses;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of a server connection: looks at the first byte to tell a TLS handshake
 * ({@code 0x16}) from plaintext, then inserts the TLS handler or not as the {@link TlsMode} allows,
 * and removes itself. One instance per connection; not thread-safe.
 */
public final class TlsDetector extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(TlsDetector.class);
    private static final byte TLS_HANDSHAKE_RECORD = 0x16;
    public static final String TLS_HANDLER_NAME = "tls";

    private final TlsMode mode;
    private final SslContext sslContext;

    /**
     * @param sslContext the server context; may be null only in {@link TlsMode#DISABLED}
     */
    public TlsDetector(TlsMode mode, SslContext sslContext) {
        if (mode != TlsMode.DISABLED && sslContext == null) {
            throw new IllegalArgumentException("TLS mode " + mode + " needs an SSL context");
        }
        this.mode = mode;
        this.sslContext = sslContext;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        boolean tls = in.getByte(in.readerIndex()) == TLS_HANDSHAKE_RECORD;
        if (tls && mode == TlsMode.DISABLED) {
            refuse(ctx, in, "TLS handshake refused: tls.server.mode is disabled");
        } else if (!tls && mode == TlsMode.ENFORCING) {
            refuse(ctx, in, "plaintext connection refused: tls.server.mode is enforcing");
        } else {
            if (tls) {
                ctx.pipeline().addAfter(ctx.name(), TLS_HANDLER_NAME, sslContext.newHandler(ctx.alloc()));
            }
            ctx.pipeline().remove(this);
        }
    }

    private static void refuse(ChannelHandlerContext ctx, ByteBuf in, String why) {
        LOG.warn("{} from {}", why, Addresses.remote(ctx.channel()));
        in.skipBytes(in.readableBytes());
        ctx.close();
    }
}
