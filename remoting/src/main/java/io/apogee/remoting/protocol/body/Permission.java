package io.apogee.remoting.protocol.body;

/** Permission bits of topics and brokers. */
public final class Permission {
    /** The topic may serve as a template for auto-created topics. */
    public static final int INHERIT = 1;
    public static final int WRITE = 2;
    public static final int READ = 4;
    public static final int READ_WRITE = READ | WRITE;

    private Permission() {
    }

    public static boolean isWritable(int perm) {
        return (perm & WRITE) != 0;
    }

    public static boolean isReadable(int perm) {
        return (perm & READ) != 0;
    }

    /** As mqadmin prints it: {@code RW-}, {@code RWX}, {@code -W-}, ... */
    public static String describe(int perm) {
        return (isReadable(perm) ? "R" : "-") + (isWritable(perm) ? "W" : "-") + ((perm & INHERIT) != 0 ? "X" : "-");
    }
}
