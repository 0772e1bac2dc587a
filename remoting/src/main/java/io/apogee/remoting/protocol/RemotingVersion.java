package io.apogee.remoting.protocol;

/**
 * Ordinals of RocketMQ releases as carried in the {@code version} field. Peers compare them to
 * decide on encodings; see shared/protocol/01-remoting.md section 7.
 */
public final class RemotingVersion {
    /** RocketMQ 3.0.11: first release that sends structured broker-registration bodies. */
    public static final int V3_0_11 = 37;
    /** RocketMQ 4.9.4: first release that expects route bodies as standard JSON. */
    public static final int V4_9_4 = 401;
    /** RocketMQ 5.0.0. */
    public static final int V5_0_0 = 413;
    /** RocketMQ 5.3.1: later releases understand GO_AWAY. */
    public static final int V5_3_1 = 475;
    /** RocketMQ 5.3.3: what Apogee announces, so that official peers pick their newest behaviour. */
    public static final int V5_3_3 = 479;
    public static final int CURRENT = V5_3_3;

    private RemotingVersion() {
    }
}
