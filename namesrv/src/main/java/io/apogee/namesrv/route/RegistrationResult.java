package io.apogee.namesrv.route;

/**
 * The answer to a registration.
 *
 * @param refusal why the registration was refused, or null when it was taken
 * @param masterAddr for a slave whose master is live: the master's address
 * @param masterHaServerAddr and the master's HA address
 */
public record RegistrationResult(String refusal, String masterAddr, String masterHaServerAddr) {
    static RegistrationResult refused(String why) {
        return new RegistrationResult(why, null, null);
    }

    static final RegistrationResult TAKEN = new RegistrationResult(null, null, null);
}
