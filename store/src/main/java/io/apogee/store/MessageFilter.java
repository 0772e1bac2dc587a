package io.apogee.store;

import io.apogee.common.message.TagsCode;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Decides which messages a read returns: first cheaply by the consume-queue tags code, then,
 * optionally, on the stored record itself (for SQL92 filters the broker may plug in).
 *
 * <p>Implementations must be thread-safe.
 */
public interface MessageFilter {

    boolean matchesTagsCode(long tagsCode);

    default boolean matchesRecord(ByteBuffer record) {
        return true;
    }

    static MessageFilter all() {
        return code -> true;
    }

    /** Matches messages whose tag hashes like one of {@code tags}; "*" or no tags matches all. */
    static MessageFilter tags(Collection<String> tags) {
        if (tags == null || tags.isEmpty() || tags.contains("*")) {
            return all();
        }
        Set<Long> codes = new HashSet<>();
        for (String t : tags) {
            codes.add(TagsCode.of(t));
        }
        return codes::contains;
    }
}
