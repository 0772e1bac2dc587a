package io.apogee.remoting.protocol.body;

/**
 * The version of a broker's topic table: equal only when all three numbers are.
 *
 * @param stateVersion epoch of the broker's state (controller mode), 0 otherwise
 * @param timestamp when the table last changed, in ms
 * @param counter changes so far
 */
public record DataVersion(long stateVersion, long timestamp, long counter) {
    public static final DataVersion ZERO = new DataVersion(0, 0, 0);

    /** The next version after a change at {@code nowMillis}. */
    public DataVersion next(long nowMillis) {
        return new DataVersion(stateVersion, nowMillis, counter + 1);
    }
}
