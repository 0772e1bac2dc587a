package io.apogee.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Settings are checked by {@code build()} before anything starts. */
class LitePullConsumerConfigurationTest {
    private static LitePullConsumerBuilder valid() {
        return LitePullConsumer.builder().namesrvAddr("127.0.0.1:9876").consumerGroup("cg").clientIp("127.0.0.1");
    }

    @Test
    void defaultsAreTheOfficialOnes() {
        LitePullConsumerConfig config = valid().config();
        assertThat(config.consumeFromWhere()).isEqualTo(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        assertThat(config.pullBatchSize()).isEqualTo(10);
        assertThat(config.brokerSuspendMaxTimeMillis()).isEqualTo(20_000);
        assertThat(config.pullCallTimeoutMillis()).isGreaterThan(20_000);
        assertThat(config.autoCommit()).isTrue();
        assertThat(config.autoCommitIntervalMillis()).isEqualTo(5_000);
        assertThat(config.rebalanceIntervalMillis()).isEqualTo(20_000);
        assertThat(config.allocateStrategy()).isSameAs(AllocateStrategy.averagely());
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertThatThrownBy(() -> valid().consumerGroup(null).config()).hasMessageContaining("consumerGroup");
        assertThatThrownBy(() -> valid().consumerGroup("a b").config()).hasMessageContaining("consumerGroup");
        assertThatThrownBy(() -> valid().consumerGroup("DEFAULT_CONSUMER").config())
                .hasMessageContaining("DEFAULT_CONSUMER");
        assertThatThrownBy(() -> valid().pullBatchSize(0).config()).hasMessageContaining("pullBatchSize");
        assertThatThrownBy(() -> valid().pullThresholdForQueue(0).config())
                .hasMessageContaining("pullThresholdForQueue");
        assertThatThrownBy(() -> valid().autoCommitInterval(0).config()).hasMessageContaining("autoCommitInterval");
        assertThatThrownBy(() -> valid().namesrvAddr("nohost").config()).hasMessageContaining("namesrvAddr");
        assertThatThrownBy(() -> valid().consumeFromWhere(null).config())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
