package io.apogee.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.client.ReceivedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The push consumer pauses pulling a queue over its thresholds and resumes once the listener catches up. */
class PushFlowControlTest {
    private static PushConsumerBuilder builder() {
        return PushConsumer.builder().namesrvAddr("127.0.0.1:9876").consumerGroup("cg").clientIp("127.0.0.1")
                .subscribe("t", "*");
    }

    private static PushConsumerConfig concurrent(PushConsumerBuilder builder) {
        return builder.messageListenerConcurrently((m, c) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS).config();
    }

    private static List<ReceivedMessage> messages(long from, int count, int bodyBytes) {
        List<ReceivedMessage> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new ReceivedMessage("t", 0, from + i, "id", "0000000000000000", 0, 0, 0, 0, 0, Map.of(),
                    new byte[bodyBytes]));
        }
        return out;
    }

    @Test
    void countThresholdPausesAndResumes() {
        PushFlowControl flow = new PushFlowControl(concurrent(builder().pullThresholdForQueue(10)));
        ProcessQueue queue = new ProcessQueue();
        List<ReceivedMessage> pulled = messages(0, 10, 1);
        assertThat(flow.mayPull(queue, 0)).isTrue();
        queue.add(pulled, 10);
        assertThat(flow.mayPull(queue, 0)).isFalse();
        queue.remove(pulled.subList(0, 1));
        assertThat(flow.mayPull(queue, 0)).isTrue();
    }

    @Test
    void sizeThresholdPausesAndResumes() {
        PushFlowControl flow = new PushFlowControl(concurrent(builder().pullThresholdSizeForQueue(1)));
        ProcessQueue queue = new ProcessQueue();
        List<ReceivedMessage> pulled = messages(0, 2, 512 * 1024);
        queue.add(pulled, 2);
        assertThat(flow.mayPull(queue, 0)).isFalse();
        queue.remove(pulled.subList(1, 2));
        assertThat(flow.mayPull(queue, 0)).isTrue();
    }

    @Test
    void orderlyClusteringPullsOnlyUnderAFreshLock() {
        PushConsumerConfig orderly = builder()
                .messageListenerOrderly((m, c) -> ConsumeOrderlyStatus.SUCCESS).config();
        PushFlowControl flow = new PushFlowControl(orderly);
        ProcessQueue queue = new ProcessQueue();
        assertThat(flow.mayPull(queue, 1000)).isFalse();
        queue.markLocked(true, 1000);
        assertThat(flow.mayPull(queue, 1000 + PushConsumerConfig.LOCK_MAX_LIVE_MILLIS)).isTrue();
        assertThat(flow.mayPull(queue, 1001 + PushConsumerConfig.LOCK_MAX_LIVE_MILLIS)).isFalse();
        PushConsumerConfig broadcasting = builder().messageModel(MessageModel.BROADCASTING)
                .messageListenerOrderly((m, c) -> ConsumeOrderlyStatus.SUCCESS).config();
        assertThat(new PushFlowControl(broadcasting).mayPull(new ProcessQueue(), 0)).isTrue();
    }
}
