package io.apogee.remoting.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogee.remoting.protocol.header.HeaderException;
import io.apogee.remoting.protocol.header.PullMessageResponseHeader;
import io.apogee.remoting.protocol.header.Required;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderCodecTest {

    private static SendMessageRequestHeaderV2 send() {
        return new SendMessageRequestHeaderV2().producerGroup("pg").topic("t1").defaultTopic("TBW102")
                .defaultTopicQueueNums(4).queueId(0).sysFlag(0).bornTimestamp(1795368812210L).flag(0)
                .properties("TAGS\u0001TagA\u0002").reconsumeTimes(0).unitMode(false).batch(false).brokerName("broker-a");
    }

    @Test
    void flattensFieldsUnderTheirWireNamesAndLeavesNullsOut() {
        RemotingCommand command = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, send());
        assertThat(command.extFields()).containsEntry("a", "pg").containsEntry("b", "t1").containsEntry("d", "4")
                .containsEntry("g", "1795368812210").containsEntry("k", "false").containsEntry("n", "broker-a")
                .doesNotContainKey("l").hasSize(13);
    }

    @Test
    void readsBackWhatItWrote() throws HeaderException {
        RemotingCommand command = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, send());
        SendMessageRequestHeaderV2 header = command.readHeader(SendMessageRequestHeaderV2.class);
        assertThat(header.topic()).isEqualTo("t1");
        assertThat(header.bornTimestamp()).isEqualTo(1795368812210L);
        assertThat(header.unitMode()).isFalse();
        assertThat(header.maxReconsumeTimes()).isNull();
    }

    @Test
    void namesTheMissingRequiredField() {
        RemotingCommand command = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, send());
        command.extFields().remove("b");
        assertThatThrownBy(() -> command.readHeader(SendMessageRequestHeaderV2.class))
                .isInstanceOf(HeaderException.class).hasMessage("the custom field <b> is null");
    }

    @Test
    void namesTheMalformedField() {
        Map<String, String> fields = new HashMap<>();
        fields.put("suggestWhichBrokerId", "0");
        fields.put("nextBeginOffset", "12x");
        fields.put("minOffset", "0");
        fields.put("maxOffset", "3");
        RemotingCommand command = RemotingCommand.response(0, null).extFields(fields);
        assertThatThrownBy(() -> command.readHeader(PullMessageResponseHeader.class))
                .isInstanceOf(HeaderException.class).hasMessageContaining("<nextBeginOffset>")
                .hasMessageContaining("12x");
    }

    @Test
    void readsBooleansAsThePeersDoAndIgnoresUnknownKeys() throws HeaderException {
        RemotingCommand command = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, send());
        command.putExtField("k", "TRUE").putExtField("m", "yes").putExtField("zz", "whatever");
        SendMessageRequestHeaderV2 header = command.readHeader(SendMessageRequestHeaderV2.class);
        assertThat(header.unitMode()).isTrue();
        assertThat(header.batch()).isFalse();
    }

    @Test
    void anAbsentMapFailsOnlyOnRequiredFields() throws HeaderException {
        assertThatThrownBy(() -> new RemotingCommand().readHeader(PullMessageResponseHeader.class))
                .isInstanceOf(HeaderException.class).hasMessageContaining("suggestWhichBrokerId");
    }

    record ProbeHeader(@Required String topic, long brokerId, Boolean compressed, int bodyCrc32)
            implements io.apogee.remoting.protocol.header.CommandHeader {
    }

    @Test
    void mapsRecordHeadersThroughTheirCanonicalConstructor() throws HeaderException {
        RemotingCommand command = RemotingCommand.request(RequestCode.REGISTER_BROKER, new ProbeHeader("t", 7L, null, 0));
        assertThat(command.extFields()).containsOnly(Map.entry("topic", "t"), Map.entry("brokerId", "7"),
                Map.entry("bodyCrc32", "0"));
        command.extFields().remove("brokerId");
        ProbeHeader header = command.readHeader(ProbeHeader.class);
        assertThat(header).isEqualTo(new ProbeHeader("t", 0L, null, 0));
        command.extFields().remove("topic");
        assertThatThrownBy(() -> command.readHeader(ProbeHeader.class)).hasMessage("the custom field <topic> is null");
    }
}
