package io.apogee.client.consumer;

/**
 * How one consumer pulls. Immutable.
 *
 * @param batchSize messages asked for per pull ({@code maxMsgNums})
 * @param maxMsgBytes the advisory byte limit of one pull ({@code maxMsgBytes})
 * @param suspendMillis how long the broker may hold a pull (long polling)
 * @param callTimeoutMillis the client's time-out of one pull, beyond the broker's hold
 * @param lite true for {@code LITE_PULL_MESSAGE} (361), false for {@code PULL_MESSAGE} (11)
 */
record PullSettings(int batchSize, int maxMsgBytes, long suspendMillis, long callTimeoutMillis, boolean lite) {
}
