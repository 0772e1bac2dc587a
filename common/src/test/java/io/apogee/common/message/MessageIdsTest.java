package io.apogee.common.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.rocketmq.common.message.MessageClientIDSetter;
import org.junit.jupiter.api.Test;

class MessageIdsTest {
    @Test
    void uniqueKeysAreReadByTheOfficialClientHelpers() throws Exception {
        Instant now = Instant.parse("2026-11-23T10:15:30.123Z");
        UniqueKeyGenerator gen = new UniqueKeyGenerator(InetAddress.getByName("10.1.2.3"),
                Clock.fixed(now, ZoneId.systemDefault()));
        String first = gen.next();
        String second = gen.next();
        assertThat(first).hasSize(32).matches("[0-9A-F]+").isNotEqualTo(second);
        assertThat(MessageClientIDSetter.getIPStrFromID(first)).isEqualTo("10.1.2.3");
        assertThat(MessageClientIDSetter.getNearlyTimeFromID(first).getTime()).isEqualTo(now.toEpochMilli());

        String v6 = new UniqueKeyGenerator(InetAddress.getByName("fd00::9"), Clock.systemDefaultZone()).next();
        assertThat(v6).hasSize(56);
    }

    @Test
    void badOffsetMessageIdsAreRejectedWithTheValue() {
        assertThatThrownBy(() -> MessageIds.decode("XYZ")).hasMessageContaining("id=XYZ");
        assertThatThrownBy(() -> MessageIds.decode("7F00000100002A9F00")).hasMessageContaining("length");
    }
}
