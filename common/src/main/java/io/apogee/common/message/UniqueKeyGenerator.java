package io.apogee.common.message;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
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
    private static final byte[] HEX_DIGITS = "0123456789ABCDEF".getBytes(StandardCharsets.ISO_8859_1);

    private final byte[] prefix;
    private final Clock clock;
    private final AtomicInteger counter = new AtomicInteger();
    private final byte[] prefixHex;
    /** The current month's range, found once a month rather than by date arithmetic per key. */
    private volatile MonthWindow month;

    public UniqueKeyGenerator(InetAddress host, Clock clock) {
        this.clock = clock;
        byte[] ip = host.getAddress();
        ByteBuffer buf = ByteBuffer.allocate(ip.length + 2 + 4);
        buf.put(ip).putShort((short) ProcessHandle.current().pid()).putInt(UniqueKeyGenerator.class.getClassLoader()
                .hashCode());
        this.prefix = buf.array();
        this.prefixHex = HEX.formatHex(prefix).getBytes(StandardCharsets.ISO_8859_1);
    }

    public String next() {
        long now = clock.millis();
        MonthWindow window = month;
        if (window == null || now < window.start() || now >= window.end()) {
            window = monthOf(now);
            month = window;
        }
        int sinceMonthStart = (int) (now - window.start());
        int count = counter.getAndIncrement();
        // Hex digits written straight into one Latin-1 array: the key is made per message sent.
        byte[] text = new byte[prefixHex.length + 12];
        System.arraycopy(prefixHex, 0, text, 0, prefixHex.length);
        int at = prefixHex.length;
        for (int shift = 28; shift >= 0; shift -= 4) {
            text[at++] = HEX_DIGITS[(sinceMonthStart >>> shift) & 0xF];
        }
        for (int shift = 12; shift >= 0; shift -= 4) {
            text[at++] = HEX_DIGITS[(count >>> shift) & 0xF];
        }
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    /** The month (in the clock's zone) holding {@code millis}, as a half-open range of epoch millis. */
    private MonthWindow monthOf(long millis) {
        ZoneId zone = clock.getZone();
        LocalDate first = LocalDate.ofInstant(Instant.ofEpochMilli(millis), zone).withDayOfMonth(1);
        return new MonthWindow(first.atStartOfDay(zone).toInstant().toEpochMilli(),
                first.plusMonths(1).atStartOfDay(zone).toInstant().toEpochMilli());
    }

    private record MonthWindow(long start, long end) {
    }
}
