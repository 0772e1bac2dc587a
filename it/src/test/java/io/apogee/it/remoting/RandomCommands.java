package io.apogee.it.remoting;

import io.apogee.remoting.protocol.LanguageCode;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.SerializeType;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Random commands for the codec interop tests, drawn from a seeded {@link Random} so that a failure can
 * be replayed. Text mixes ASCII, JSON-special characters, control characters, RocketMQ's property
 * separators and supplementary code points; it never holds lone surrogates, which UTF-8 cannot carry.
 */
final class RandomCommands {
    /** Bodies above this are wrapped rather than copied by our encoder, so both paths get exercised. */
    static final int LARGE_BODY = 1024 * 1024;

    private static final String SPECIAL = "\"\\/\b\f\n\r\t\u0000\u0001\u0002\u001f\u007f\u2028\u2029{}[]:,";
    private static final int[] SCRIPTS = {0x00C0, 0x0400, 0x4E00, 0x0600, 0x3040, 0xAC00, 0x1F600, 0x10000};

    private final Random random;
    private final SerializeType type;

    RandomCommands(Random random, SerializeType type) {
        this.random = random;
        this.type = type;
    }

    /** The {@code index}-th command: its flag cycles through 0, 1, 2 and 3. */
    RemotingCommand next(int index) {
        boolean binary = type == SerializeType.ROCKETMQ;
        LanguageCode[] languages = LanguageCode.values();
        RemotingCommand command = new RemotingCommand()
                .code(binary ? (short) random.nextInt() : intValue())
                .language(languages[random.nextInt(languages.length)])
                .version(binary ? (short) random.nextInt() : intValue())
                .opaque(random.nextInt())
                .flag(index & 3)
                .remark(remark())
                .extFields(extFields(binary))
                .body(body())
                .serializeType(type);
        return command;
    }

    private int intValue() {
        switch (random.nextInt(4)) {
            case 0:
                return random.nextInt(400);
            case 1:
                return random.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE;
            default:
                return random.nextInt();
        }
    }

    private String remark() {
        switch (random.nextInt(6)) {
            case 0:
                return null;
            case 1:
                return "";
            case 2:
                return "No topic route info in name server for the topic: t" + random.nextInt(1000);
            case 3:
                return text(1 + random.nextInt(4000));
            default:
                return text(1 + random.nextInt(40));
        }
    }

    private Map<String, String> extFields(boolean binary) {
        int shape = random.nextInt(8);
        if (shape == 0) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        if (shape == 1) {
            return fields;
        }
        int count = shape == 2 ? 1 : 1 + random.nextInt(shape == 7 ? 60 : 12);
        for (int i = 0; i < count; i++) {
            // The binary header reads a zero-length key or value as null, so an empty string
            // cannot travel in it: binary commands get non-empty keys and values only.
            String key = binary || random.nextInt(20) != 0 ? text(1 + random.nextInt(24)) : "";
            String value;
            int kind = random.nextInt(20);
            if (kind == 0) {
                value = binary ? "x" : "";
            } else if (kind == 1) {
                value = null; // skipped by both encoders
            } else if (kind == 2) {
                value = text(1 + random.nextInt(2000));
            } else if (kind < 8) {
                value = Long.toString(random.nextLong() >> random.nextInt(64));
            } else {
                value = text(1 + random.nextInt(40));
            }
            fields.put(key, value);
        }
        return fields;
    }

    private byte[] body() {
        int shape = random.nextInt(100);
        int length;
        if (shape < 25) {
            return null;
        } else if (shape < 35) {
            length = 0;
        } else if (shape < 90) {
            length = 1 + random.nextInt(2048);
        } else if (shape < 99) {
            length = 16 * 1024 + random.nextInt(48 * 1024);
        } else {
            length = random.nextBoolean() ? LARGE_BODY : 1 + random.nextInt(LARGE_BODY);
        }
        byte[] body = new byte[length];
        random.nextBytes(body);
        return body;
    }

    /** A string of {@code length} code points. */
    String text(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                text.append((char) (0x20 + random.nextInt(0x5F)));
            } else if (kind < 7) {
                text.append(SPECIAL.charAt(random.nextInt(SPECIAL.length())));
            } else {
                int base = SCRIPTS[random.nextInt(SCRIPTS.length)];
                text.appendCodePoint(base + random.nextInt(0x60));
            }
        }
        return text.toString();
    }
}
