package io.apogee.bench;

import io.apogee.remoting.protocol.RemotingVersion;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The inputs both implementations get, built once: the same header values, the same body bytes. Kept in
 * one place so that neither side can drift to a cheaper input.
 */
final class Inputs {
    static final String PRODUCER_GROUP = "please_rename_unique_group_name";
    static final String TOPIC = "OrderEvents";
    static final String DEFAULT_TOPIC = "TBW102";
    static final int DEFAULT_TOPIC_QUEUE_NUMS = 4;
    static final int QUEUE_ID = 3;
    static final long BORN_TIMESTAMP = 1_750_000_000_123L;
    static final String BROKER_NAME = "broker-a";
    /** The properties a default producer sends: keys, client message id, wait-store flag and tag. */
    static final String PROPERTIES = "KEYS\u0001order-20250615-000042\u0002"
            + "UNIQ_KEY\u00017F000001A1B218B4AAC27A3D5E9C0001\u0002"
            + "WAIT\u0001true\u0002"
            + "TAGS\u0001TagA\u0002";
    static final byte[] SEND_BODY = text(1024);

    static final long PULL_SUGGEST_BROKER_ID = 0L;
    static final long PULL_NEXT_BEGIN_OFFSET = 1_048_577L;
    static final long PULL_MIN_OFFSET = 0L;
    static final long PULL_MAX_OFFSET = 1_048_600L;
    static final int PULL_TOPIC_SYS_FLAG = 0;
    static final int PULL_GROUP_SYS_FLAG = 0;
    static final String PULL_REMARK = "FOUND";

    /** The request body of the round-trip benchmark. */
    static final byte[] ECHO_BODY = text(100);
    /** A request code no real processor uses. */
    static final int ECHO_CODE = 9_001;

    private Inputs() {
    }

    /**
     * The official {@code createRequestCommand} takes the version from this system property (the official
     * client sets it at start-up); setting it makes both sides write the same version number.
     */
    static void alignOfficialVersion() {
        System.setProperty("rocketmq.remoting.version", Integer.toString(RemotingVersion.CURRENT));
    }

    private static byte[] text(int length) {
        byte[] sample = "The quick brown fox jumps over the lazy dog. ".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = sample[i % sample.length];
        }
        return Arrays.copyOf(out, length);
    }
}
