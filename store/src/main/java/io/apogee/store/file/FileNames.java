package io.apogee.store.file;

/**
 * Names of mapped files: the start address as a decimal number left-padded to 20 digits, so that
 * names sort lexicographically in address order.
 *
 * <p>Stateless and thread-safe.
 */
public final class FileNames {
    private static final int DIGITS = 20;

    private FileNames() {
    }

    public static String of(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("file offset must not be negative, offset=" + offset);
        }
        String digits = Long.toString(offset);
        return "0".repeat(DIGITS - digits.length()) + digits;
    }

    /** The offset a name stands for, or -1 if it is not a mapped-file name. */
    public static long parse(String name) {
        if (name.length() != DIGITS) {
            return -1;
        }
        for (int i = 0; i < DIGITS; i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(name);
    }
}
