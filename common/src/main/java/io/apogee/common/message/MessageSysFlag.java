package io.apogee.common.message;

/**
 * Bits of the stored-message {@code SYSFLAG} field, as RocketMQ defines them.
 *
 * <p>Stateless and thread-safe.
 */
public final class MessageSysFlag {
    public static final int COMPRESSED = 0x1;
    public static final int MULTI_TAGS = 0x2;
    public static final int TRANSACTION_MASK = 0xC;
    public static final int TRANSACTION_NOT_TYPE = 0x0;
    public static final int TRANSACTION_PREPARED_TYPE = 0x4;
    public static final int TRANSACTION_COMMIT_TYPE = 0x8;
    public static final int TRANSACTION_ROLLBACK_TYPE = 0xC;
    public static final int BORNHOST_V6 = 0x10;
    public static final int STOREHOST_V6 = 0x20;
    public static final int NEED_UNWRAP = 0x40;
    public static final int INNER_BATCH = 0x80;
    public static final int COMPRESSION_TYPE_MASK = 0x700;

    private MessageSysFlag() {
    }

    public static int transactionType(int sysFlag) {
        return sysFlag & TRANSACTION_MASK;
    }

    /** Prepared (half) and rolled-back records are never visible to consumers. */
    public static boolean isConsumable(int sysFlag) {
        int type = transactionType(sysFlag);
        return type == TRANSACTION_NOT_TYPE || type == TRANSACTION_COMMIT_TYPE;
    }

    public static boolean bornHostV6(int sysFlag) {
        return (sysFlag & BORNHOST_V6) != 0;
    }

    public static boolean storeHostV6(int sysFlag) {
        return (sysFlag & STOREHOST_V6) != 0;
    }
}
