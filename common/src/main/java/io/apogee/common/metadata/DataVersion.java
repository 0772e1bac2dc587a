package io.apogee.common.metadata;

/**
 * The version of a metadata table (a broker's topics, groups, offsets): equal only when all three
 * numbers are. Shared by the store's files, the broker and the name server. Immutable.
 *
 * @param stateVersion epoch of the broker's state (controller mode), 0 otherwise
 * @param timestamp when the table last changed, in ms
 * @param counter changes so far
 */
public record DataVersion(long stateVersion, long timestamp, long counter) {
    public static final DataVersion ZERO = new DataVersion(0, 0, 0);

    /** The version of a table created at {@code nowMillis}. */
    public static DataVersion initial(long nowMillis) {
        return new DataVersion(0, nowMillis, 0);
    }

    /** The next version after a change at {@code nowMillis}. */
    public DataVersion next(long nowMillis) {
        return new DataVersion(stateVersion, nowMillis, counter + 1);
    }
}
