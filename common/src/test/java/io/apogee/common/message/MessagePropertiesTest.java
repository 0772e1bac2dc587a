package io.apogee.common.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.junit.jupiter.api.Test;

class MessagePropertiesTest {
    @Test
    void encodesLikeTheOfficialCodecWithATrailingSeparator() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("KEYS", "a b");
        props.put("TAGS", "T");
        assertThat(MessageProperties.encode(props)).isEqualTo("KEYS\u0001a b\u0002TAGS\u0001T\u0002");
        assertThat(MessageDecoder.string2messageProperties(MessageProperties.encode(props))).isEqualTo(props);
    }

    @Test
    void decodesLenientlyAsClientsDo() {
        String s = "A\u0001x\u0002\u0001novalue\u0002B\u0001\u0002C\u0001y\u0002A\u0001z";
        assertThat(MessageProperties.decode(s))
                .isEqualTo(MessageDecoder.string2messageProperties(s))
                .containsEntry("A", "z").containsEntry("C", "y").doesNotContainKey("B");
    }

    @Test
    void singleLookupFindsTheLastValueWithoutBuildingAMap() {
        String s = "XTAGS\u0001no\u0002TAGS\u0001yes\u0002";
        assertThat(MessageProperties.get(s, "TAGS")).isEqualTo("yes");
        assertThat(MessageProperties.get(s, "KEYS")).isNull();
    }

    @Test
    void batchEntriesAreStoredWithTheBatchHeaderPropertiesAppended() {
        String stored = BatchBodyCodec.storedProperties("KEYS\u0001k\u0002UNIQ_KEY\u0001E1",
                "UNIQ_KEY\u0001B\u0002CLUSTER\u0001c\u0002");
        assertThat(stored).isEqualTo("KEYS\u0001k\u0002UNIQ_KEY\u0001E1\u0002UNIQ_KEY\u0001B\u0002CLUSTER\u0001c\u0002");
        assertThat(MessageDecoder.string2messageProperties(stored)).containsEntry("UNIQ_KEY", "B").containsEntry("KEYS", "k");
        assertThat(BatchBodyCodec.storedProperties("", "A\u0001b\u0002")).isEqualTo("A\u0001b\u0002");
    }

    @Test
    void tagsCodeIsTheJavaHash() {
        assertThat(TagsCode.of("T")).isEqualTo(0x54);
        assertThat(TagsCode.of(null)).isZero();
    }
}
