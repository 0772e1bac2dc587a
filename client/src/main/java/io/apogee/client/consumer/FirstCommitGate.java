package io.apogee.client.consumer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Holds back a group's commits of one topic to one broker until the broker has acknowledged one of
 * them. RocketMQ 5.3.3 brokers create a group's per-topic offset table on its first commit without
 * atomicity, on several threads: first commits of two queues that arrive together can each create a
 * table and one replaces the other, losing that queue's offset (the next member then re-consumes it).
 * Once a table exists, commits are safe in any order, so only the very first one is waited for.
 * Thread-safe.
 */
final class FirstCommitGate {
    private final ConcurrentMap<String, CompletableFuture<Void>> firsts = new ConcurrentHashMap<>();

    /** True once a commit under {@code key} was acknowledged: later ones may go out unanswered (oneway). */
    boolean open(String key) {
        CompletableFuture<Void> first = firsts.get(key);
        return first != null && first.isDone() && !first.isCompletedExceptionally();
    }

    /**
     * Runs {@code commit} now when {@code key} is open or this is its first commit; otherwise once the
     * first commit under {@code key} has been answered. A failed first commit hands the role on to
     * the next one.
     */
    CompletableFuture<Void> submit(String key, Supplier<CompletableFuture<Void>> commit) {
        CompletableFuture<Void> first = firsts.get(key);
        if (first == null) {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            first = firsts.putIfAbsent(key, mine);
            if (first == null) {
                startFirst(key, mine, commit);
                return mine;
            }
        }
        if (first.isDone() && !first.isCompletedExceptionally()) {
            return commit.get();
        }
        return first.handle((ignored, failure) -> null).thenCompose(ignored -> submit(key, commit));
    }

    private void startFirst(String key, CompletableFuture<Void> mine, Supplier<CompletableFuture<Void>> commit) {
        CompletableFuture<Void> call;
        try {
            call = commit.get();
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((ignored, failure) -> {
            if (failure != null) {
                // Removed before failing: whoever waited on this one retries and becomes the first.
                firsts.remove(key, mine);
                mine.completeExceptionally(failure);
            } else {
                mine.complete(null);
            }
        });
    }

    static String key(String brokerName, String topic) {
        return brokerName + '\u0001' + topic;
    }
}
