package io.apogee.common.message;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates {@code UNIQ_KEY} values in the client's format: uppercase hex of a host IP (4 or 16
 * bytes), the low 16 bits of the process id, a class-loader hash (4), milliseconds since the start
 * of the current month in local time (4) and a wrapping counter (2).
 *
 * <p>Thread-safe: the counter is atomic and the rest is fixed at construction.
 */
public final class UniqueKeyGenerator {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final byte[] prefix;
    private final Clock clock;
    private final AtomicInteger counter = new AtomicInteger();

    public UniqueKeyGenerator(InetAddress host, Clock clock) {
        this.clock = clock;
        byte[] ip = host.getAddress();
        ByteBuffer buf = ByteBuffer.allocate(ip.length + 2 + 4);
        buf.put(ip).putShort((short) ProcessHandle.current().pid()).putInt(UniqueKeyGenerator.class.getClassLoader()
                .hashCode());
        this.prefix = buf.array();
    }

    public String next() {
        long now = clock.millis();
        ZoneId zone = clock.getZone();
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        long monthStart = today.withDayOfMonth(1).atStartOfDay(zone).toInstant().toEpochMilli();
        ByteBuffer buf = ByteBuffer.allocate(prefix.length + 6);
        buf.put(prefix).putInt((int) (now - monthStart)).putShort((short) counter.getAndIncrement());
        return HEX.formatHex(buf.array());
    }
}
