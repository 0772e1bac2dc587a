package io.apogee.client.producer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogee.client.Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad settings and bad messages are refused with a message naming what is wrong, before any I/O. */
class ProducerConfigurationTest {
    private static Producer.Builder valid() {
        return Producer.builder().namesrvAddr("127.0.0.1:9876").producerGroup("pg").clientIp("127.0.0.1");
    }

    @Test
    void refusesMissingOrMalformedNameServerAddresses() {
        assertThatThrownBy(() -> valid().namesrvAddr(null).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("namesrvAddr must not be empty");
        assertThatThrownBy(() -> valid().namesrvAddr(" ; ").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("namesrvAddr");
        assertThatThrownBy(() -> valid().namesrvAddr("localhost").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry=localhost");
        assertThatThrownBy(() -> valid().namesrvAddr("127.0.0.1:9876;10.0.0.1:99999").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.1:99999");
        assertThatThrownBy(() -> valid().namesrvAddr("127.0.0.1:0").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..65535");
    }

    @Test
    void refusesBadProducerGroups() {
        assertThatThrownBy(() -> valid().producerGroup(null).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("producerGroup must not be empty");
        assertThatThrownBy(() -> valid().producerGroup("a b").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("producerGroup=a b");
        assertThatThrownBy(() -> valid().producerGroup("DEFAULT_PRODUCER").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DEFAULT_PRODUCER");
    }

    @Test
    void refusesOutOfRangeNumbers() {
        assertThatThrownBy(() -> valid().sendMsgTimeout(0).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sendMsgTimeout");
        assertThatThrownBy(() -> valid().retryTimesWhenSendFailed(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retryTimesWhenSendFailed");
        assertThatThrownBy(() -> valid().maxMessageSize(5 * 1024 * 1024).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMessageSize");
        assertThatThrownBy(() -> valid().compressLevel(10).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compressLevel");
        assertThatThrownBy(() -> TransactionProducer.builder().namesrvAddr("127.0.0.1:9876").producerGroup("tpg")
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transactionListener");
    }

    @Test
    void refusesBadMessagesWhenBuilt() {
        assertThatThrownBy(() -> Message.builder().topic("").body(new byte[1]).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic must not be empty");
        assertThatThrownBy(() -> Message.builder().topic("t").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("body must not be null");
        assertThatThrownBy(() -> Message.builder().topic("t").keys("a b").body(new byte[1]).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key=a b");
        assertThatThrownBy(() -> Message.builder().topic("t").property("UNIQ_KEY", "x").body(new byte[1]).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
    }

    @Test
    void refusesUnsendableMessagesBeforeAnyConnection() {
        // Nothing listens on this name server: a refusal that needed the network would fail differently.
        try (Producer producer = valid().namesrvAddr("127.0.0.1:1").build()) {
            assertThatThrownBy(() -> producer.send(Message.builder().topic("bad topic!").body(new byte[1]).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic=bad topic!");
            assertThatThrownBy(() -> producer.send(Message.builder().topic("SCHEDULE_TOPIC_XXXX")
                    .body(new byte[1]).build())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("system topic");
            assertThatThrownBy(() -> producer.sendAsync(Message.builder().topic("t").body(new byte[0]).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("body is empty");
            assertThatThrownBy(() -> producer.sendOneway(Message.builder().topic("t")
                    .body(new byte[4 * 1024 * 1024 + 1]).build())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxMessageSize");
            Message a = Message.builder().topic("a").body("x".getBytes(StandardCharsets.UTF_8)).build();
            Message b = Message.builder().topic("b").body("x".getBytes(StandardCharsets.UTF_8)).build();
            assertThatThrownBy(() -> producer.send(List.of(a, b))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("one topic");
            assertThatThrownBy(() -> producer.send(List.of())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least one");
            assertThatThrownBy(() -> producer.send(List.of(a.toBuilder().delayLevel(3).build())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delayed");
        }
    }

    @Test
    void aClosedProducerRefusesToSend() {
        Producer producer = valid().build();
        producer.close();
        producer.close();
        assertThatThrownBy(() -> producer.send(Message.builder().topic("t").body(new byte[1]).build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
