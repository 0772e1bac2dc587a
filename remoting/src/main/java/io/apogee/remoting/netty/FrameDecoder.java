package io.apogee.remoting.netty;

import io.apogee.remoting.protocol.FrameLayout;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Cuts the byte stream into frames by the leading length field, which it strips. A negative length or
 * one past the limit fails the connection: nothing sensible can follow it on the stream. One instance
 * per connection; not thread-safe (Netty calls it from the connection's event loop only).
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    /**
     * @param maxFrameLength the largest frame accepted, length field included
     */
    public FrameDecoder(int maxFrameLength) {
        super(maxFrameLength, 0, FrameLayout.LENGTH_FIELD_SIZE, 0, FrameLayout.LENGTH_FIELD_SIZE, true);
    }
}
