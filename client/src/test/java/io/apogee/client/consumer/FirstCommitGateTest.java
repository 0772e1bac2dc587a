package io.apogee.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FirstCommitGateTest {
    private final FirstCommitGate gate = new FirstCommitGate();
    private final List<String> sent = new ArrayList<>();

    private CompletableFuture<Void> commit(String name, CompletableFuture<Void> answer) {
        return gate.submit(FirstCommitGate.key("broker-a", "orders"), () -> {
            sent.add(name);
            return answer;
        });
    }

    @Test
    void laterCommitsWaitForTheFirstAnswerThenGoOutTogether() {
        CompletableFuture<Void> firstAnswer = new CompletableFuture<>();
        CompletableFuture<Void> first = commit("q0", firstAnswer);
        CompletableFuture<Void> second = commit("q1", CompletableFuture.completedFuture(null));
        CompletableFuture<Void> third = commit("q2", CompletableFuture.completedFuture(null));

        assertThat(sent).containsExactly("q0");
        assertThat(gate.open(FirstCommitGate.key("broker-a", "orders"))).isFalse();

        firstAnswer.complete(null);

        assertThat(sent).containsExactlyInAnyOrder("q0", "q1", "q2");
        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
        assertThat(third).isCompleted();
        assertThat(gate.open(FirstCommitGate.key("broker-a", "orders"))).isTrue();
    }

    @Test
    void onceOpenCommitsGoOutAtOnce() {
        commit("q0", CompletableFuture.completedFuture(null));
        CompletableFuture<Void> pending = new CompletableFuture<>();
        commit("q1", pending);
        commit("q2", CompletableFuture.completedFuture(null));

        assertThat(sent).containsExactly("q0", "q1", "q2");
    }

    @Test
    void aFailedFirstCommitHandsTheRoleToTheNextOne() {
        CompletableFuture<Void> firstAnswer = new CompletableFuture<>();
        java.util.Map<String, CompletableFuture<Void>> answers = java.util.Map.of(
                "q1", new CompletableFuture<>(), "q2", new CompletableFuture<>());
        CompletableFuture<Void> first = commit("q0", firstAnswer);
        CompletableFuture<Void> second = commit("q1", answers.get("q1"));
        CompletableFuture<Void> third = commit("q2", answers.get("q2"));

        firstAnswer.completeExceptionally(new IllegalStateException("broker gone"));

        assertThat(first).isCompletedExceptionally();
        // One waiting commit became the first; the other still waits for its answer.
        assertThat(sent).hasSize(2);
        String newFirst = sent.get(1);
        answers.get(newFirst).complete(null);
        assertThat(sent).containsExactlyInAnyOrder("q0", "q1", "q2");
        assertThat(gate.open(FirstCommitGate.key("broker-a", "orders"))).isTrue();
        answers.values().forEach(answer -> answer.complete(null));
        assertThat(second).isCompleted();
        assertThat(third).isCompleted();
    }

    @Test
    void aCommitThatThrowsFailsItsFutureAndDoesNotBlockTheKey() {
        CompletableFuture<Void> failed = gate.submit(FirstCommitGate.key("broker-a", "orders"), () -> {
            throw new IllegalStateException("no channel");
        });
        assertThat(failed).isCompletedExceptionally();

        commit("q1", CompletableFuture.completedFuture(null));
        assertThat(sent).containsExactly("q1");
        assertThat(gate.open(FirstCommitGate.key("broker-a", "orders"))).isTrue();
    }

    @Test
    void keysAreIndependent() {
        gate.submit(FirstCommitGate.key("broker-a", "orders"), CompletableFuture::new);
        List<String> other = new ArrayList<>();
        gate.submit(FirstCommitGate.key("broker-b", "orders"), () -> {
            other.add("b0");
            return new CompletableFuture<>();
        });
        gate.submit(FirstCommitGate.key("broker-a", "payments"), () -> {
            other.add("p0");
            return new CompletableFuture<>();
        });
        assertThat(other).containsExactly("b0", "p0");
    }
}
