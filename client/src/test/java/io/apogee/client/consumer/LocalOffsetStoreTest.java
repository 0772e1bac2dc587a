package io.apogee.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogee.remoting.protocol.body.MessageQueue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broadcasting offsets in the official offsets.json form, written atomically and read back. */
class LocalOffsetStoreTest {
    @TempDir
    Path dir;

    @Test
    void writesTheOfficialShapeAndReadsItBack() throws Exception {
        Path file = dir.resolve("c@1/g/offsets.json");
        LocalOffsetStore store = new LocalOffsetStore(file);
        MessageQueue q = new MessageQueue("t", "broker-a", 1);
        store.store(q, 42).get();
        String json = Files.readString(file);
        assertThat(json).isEqualTo("{\"offsetTable\":{{\"brokerName\":\"broker-a\",\"queueId\":1,\"topic\":\"t\"}:42}}");
        assertThat(new LocalOffsetStore(file).read(q)).isEqualTo(OptionalLong.of(42));
        assertThat(new LocalOffsetStore(file).read(new MessageQueue("t", "broker-a", 2))).isEmpty();
    }

    @Test
    void readsTheOfficialPrettyPrintedFile() throws Exception {
        Path file = dir.resolve("offsets.json");
        Files.writeString(file, """
                {
                \t"offsetTable":{{
                \t\t\t"brokerName":"broker-b",
                \t\t\t"queueId":3,
                \t\t\t"topic":"TopicTest"
                \t\t}:17,{
                \t\t\t"brokerName":"broker-a",
                \t\t\t"queueId":0,
                \t\t\t"topic":"TopicTest"
                \t\t}:5
                \t}
                }""", StandardCharsets.UTF_8);
        LocalOffsetStore store = new LocalOffsetStore(file);
        assertThat(store.read(new MessageQueue("TopicTest", "broker-b", 3))).isEqualTo(OptionalLong.of(17));
        assertThat(store.read(new MessageQueue("TopicTest", "broker-a", 0))).isEqualTo(OptionalLong.of(5));
    }

    @Test
    void aCorruptFileIsAClearError() throws Exception {
        Path file = dir.resolve("offsets.json");
        Files.writeString(file, "{\"offsetTable\":{{\"brokerName\":\"b\",\"queueId\":1,\"topic\":\"t\"}:99999999999999999999}}");
        assertThatThrownBy(() -> new LocalOffsetStore(file)).hasMessageContaining(file.toString());
    }
}
