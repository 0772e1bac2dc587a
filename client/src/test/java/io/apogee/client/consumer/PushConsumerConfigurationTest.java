package io.apogee.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Push consumer settings are checked by {@code build()} before anything starts; defaults are the official ones. */
class PushConsumerConfigurationTest {
    private static PushConsumerBuilder valid() {
        return PushConsumer.builder().namesrvAddr("127.0.0.1:9876").consumerGroup("cg").clientIp("127.0.0.1")
                .subscribe("t", "*").messageListenerConcurrently((messages, context) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
    }

    @Test
    void defaultsAreTheOfficialOnes() {
        PushConsumerConfig config = valid().config();
        assertThat(config.messageModel()).isEqualTo(MessageModel.CLUSTERING);
        assertThat(config.consumeFromWhere()).isEqualTo(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        assertThat(config.consumeThreadMin()).isEqualTo(20);
        assertThat(config.consumeThreadMax()).isEqualTo(20);
        assertThat(config.consumeMessageBatchMaxSize()).isEqualTo(1);
        assertThat(config.pullBatchSize()).isEqualTo(32);
        assertThat(config.pullThresholdForQueue()).isEqualTo(1000);
        assertThat(config.pullThresholdSizeForQueueBytes()).isEqualTo(100L * 1024 * 1024);
        assertThat(config.effectiveMaxReconsumeTimes()).isEqualTo(16);
        assertThat(config.consumeTimeoutMinutes()).isEqualTo(15);
        assertThat(config.suspendCurrentQueueTimeMillis()).isEqualTo(1000);
        assertThat(config.pullSettings()).isEqualTo(new PullSettings(32, 262_144, 15_000, 30_000, false));
        assertThat(config.persistConsumerOffsetIntervalMillis()).isEqualTo(5000);
        assertThat(config.rebalanceIntervalMillis()).isEqualTo(20_000);
        assertThat(config.allocateStrategy()).isSameAs(AllocateStrategy.averagely());
        PushConsumerConfig orderly = valid().messageListenerConcurrently(null)
                .messageListenerOrderly((messages, context) -> ConsumeOrderlyStatus.SUCCESS).config();
        assertThat(orderly.effectiveMaxReconsumeTimes()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertThatThrownBy(() -> valid().consumerGroup("a b").config()).hasMessageContaining("consumerGroup");
        assertThatThrownBy(() -> valid().consumerGroup("DEFAULT_CONSUMER").config())
                .hasMessageContaining("DEFAULT_CONSUMER");
        assertThatThrownBy(() -> valid().subscribe("bad topic", "*")).hasMessageContaining("topic");
        assertThatThrownBy(() -> valid().subscribe("t2", " ")).hasMessageContaining("tag expression");
        assertThatThrownBy(() -> PushConsumer.builder().namesrvAddr("127.0.0.1:9876").consumerGroup("cg")
                .messageListenerConcurrently((m, c) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS).config())
                .hasMessageContaining("subscription");
        assertThatThrownBy(() -> valid().messageListenerConcurrently(null).config())
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> valid().messageListenerOrderly((m, c) -> ConsumeOrderlyStatus.SUCCESS).config())
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> valid().consumeThreadMin(30).config()).hasMessageContaining("consumeThreadMin");
        assertThatThrownBy(() -> valid().pullBatchSize(0).config()).hasMessageContaining("pullBatchSize");
        assertThatThrownBy(() -> valid().pullThresholdSizeForQueue(0).config())
                .hasMessageContaining("pullThresholdSizeForQueue");
        assertThatThrownBy(() -> valid().maxReconsumeTimes(-2).config()).hasMessageContaining("maxReconsumeTimes");
        assertThatThrownBy(() -> valid().consumerTimeoutMillisWhenSuspend(15_000).config())
                .hasMessageContaining("consumerTimeoutMillisWhenSuspend");
        assertThatThrownBy(() -> valid().namesrvAddr("nohost").config()).hasMessageContaining("namesrvAddr");
    }
}
