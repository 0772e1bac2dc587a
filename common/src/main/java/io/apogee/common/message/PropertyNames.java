package io.apogee.common.message;

/**
 * Names of the message properties the platform reads or writes.
 *
 * <p>Constants only; thread-safe.
 */
public final class PropertyNames {
    public static final String KEYS = "KEYS";
    public static final String TAGS = "TAGS";
    public static final String WAIT = "WAIT";
    public static final String DELAY = "DELAY";
    public static final String UNIQ_KEY = "UNIQ_KEY";
    public static final String TRAN_MSG = "TRAN_MSG";
    public static final String PGROUP = "PGROUP";
    public static final String REAL_TOPIC = "REAL_TOPIC";
    public static final String REAL_QID = "REAL_QID";
    public static final String MSG_REGION = "MSG_REGION";
    public static final String TRACE_ON = "TRACE_ON";
    public static final String CLUSTER = "CLUSTER";
    public static final String TIMER_DELIVER_MS = "TIMER_DELIVER_MS";
    public static final String TIMER_DELAY_SEC = "TIMER_DELAY_SEC";
    public static final String TIMER_DELAY_MS = "TIMER_DELAY_MS";
    public static final String TIMER_OUT_MS = "TIMER_OUT_MS";
    /** Separator of several keys inside {@link #KEYS}. */
    public static final String KEY_SEPARATOR = " ";

    private PropertyNames() {
    }
}
