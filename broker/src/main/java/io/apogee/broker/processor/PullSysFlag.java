package io.apogee.broker.processor;

/**
 * The bits of a pull request's {@code sysFlag} (shared/protocol/03-broker-client.md section 10.2).
 * Stateless.
 */
final class PullSysFlag {
    static final int COMMIT_OFFSET = 1;
    static final int SUSPEND = 1 << 1;
    static final int SUBSCRIPTION = 1 << 2;
    static final int CLASS_FILTER = 1 << 3;
    static final int LITE_PULL = 1 << 4;

    private PullSysFlag() {
    }

    static boolean has(int sysFlag, int bit) {
        return (sysFlag & bit) != 0;
    }
}
