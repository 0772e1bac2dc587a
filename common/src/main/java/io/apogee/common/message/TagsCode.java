package io.apogee.common.message;

/**
 * The ConsumeQueue tags code of a message: the Java hash of its {@code TAGS} value, or 0 without a
 * tag. Consumers filter on this code, then on the tag itself.
 *
 * <p>Stateless and thread-safe.
 */
public final class TagsCode {
    private TagsCode() {
    }

    public static long of(String tags) {
        if (tags == null || tags.isEmpty()) {
            return 0;
        }
        return tags.hashCode();
    }
}
