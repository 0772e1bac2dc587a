package io.apogee.client.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.client.Message;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The usual message's properties are one concatenation; it must give what the general builder gives. */
class SendPropertiesTest {
    private static final String UNIQ = "7F0000011A2B18B4AAC27B2A1B2C0001";

    private static Message.Builder message() {
        return Message.builder().topic("t").body(new byte[] {1});
    }

    @Test
    void theUsualMessageGetsTheSamePropertiesAsFromTheBuilder() {
        List<Message> usual = List.of(message().build(), message().tags("created").build(),
                message().tags("\u65e5\u672c\ud83d\ude00").build(), message().waitStoreMsgOk(false).build(),
                message().tags("a").waitStoreMsgOk(false).build());
        for (Message m : usual) {
            assertThat(SendRequests.properties(m, UNIQ, Map.of())).isEqualTo(SendRequests.anyProperties(m, UNIQ, Map.of()));
        }
        assertThat(SendRequests.properties(message().tags("created").build(), UNIQ, Map.of()))
                .isEqualTo("TAGS\u0001created\u0002WAIT\u0001true\u0002UNIQ_KEY\u0001" + UNIQ + "\u0002");
        assertThat(SendRequests.properties(message().build(), UNIQ, Map.of()))
                .isEqualTo("WAIT\u0001true\u0002UNIQ_KEY\u0001" + UNIQ + "\u0002");
    }

    @Test
    void otherMessagesGoThroughTheBuilder() {
        assertThat(SendRequests.properties(message().tags("x").keys("k1", "k2").build(), UNIQ, Map.of()))
                .isEqualTo("KEYS\u0001k1 k2\u0002TAGS\u0001x\u0002WAIT\u0001true\u0002UNIQ_KEY\u0001" + UNIQ + "\u0002");
        assertThat(SendRequests.properties(message().property("color", "red").delayLevel(3).build(), UNIQ,
                Map.of("TRAN_MSG", "true")))
                .isEqualTo("color\u0001red\u0002DELAY\u00013\u0002WAIT\u0001true\u0002UNIQ_KEY\u0001" + UNIQ
                        + "\u0002TRAN_MSG\u0001true\u0002");
    }
}
