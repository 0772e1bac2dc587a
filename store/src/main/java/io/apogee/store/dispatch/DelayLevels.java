package io.apogee.store.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The delay levels of {@code messageDelayLevel} ("1s 5s 10s 30s 1m ... 2h"): level L (1-based)
 * delays by the L-th duration. Units are s, m, h and d.
 *
 * <p>Immutable and thread-safe.
 */
public final class DelayLevels {
    public static final String DEFAULT = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";

    private final long[] millis;

    private DelayLevels(long[] millis) {
        this.millis = millis;
    }

    public static DelayLevels parse(String spec) {
        List<Long> out = new ArrayList<>();
        for (String token : spec.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            char unit = Character.toLowerCase(token.charAt(token.length() - 1));
            long factor = switch (unit) {
                case 's' -> 1000L;
                case 'm' -> 60_000L;
                case 'h' -> 3_600_000L;
                case 'd' -> 86_400_000L;
                default -> throw new IllegalArgumentException("bad messageDelayLevel unit in '" + token + "'");
            };
            try {
                out.add(Long.parseLong(token.substring(0, token.length() - 1).trim().toLowerCase(Locale.ROOT)) * factor);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad messageDelayLevel value '" + token + "'", e);
            }
        }
        return new DelayLevels(out.stream().mapToLong(Long::longValue).toArray());
    }

    public int maxLevel() {
        return millis.length;
    }

    /** Delay of {@code level}, capped at the highest level; 0 for levels below 1. */
    public long delayMillis(int level) {
        if (level < 1 || millis.length == 0) {
            return 0;
        }
        return millis[Math.min(level, millis.length) - 1];
    }
}
