package io.apogee.store.metadata;

import io.apogee.common.metadata.DataVersion;
import io.apogee.common.metadata.TopicConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.store.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataFilesTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(1_795_366_935_914L);

    @Test
    void topicsFileIsReadByTheOfficialFastjsonIntoTheOfficialTopicConfig() throws Exception {
        TopicConfigFile file = new TopicConfigFile(dir, clock);
        TopicConfig tbw = new TopicConfig("TBW102", 8, 8, 7, "SINGLE_TAG", 0, false, Map.of());
        TopicConfig typed = new TopicConfig("orders", 4, 4, 6, "SINGLE_TAG", 0, true, Map.of("message.type", "FIFO"));
        file.save(new TopicConfigFile.Contents(new DataVersion(0, clock.millis(), 6),
                Map.of("TBW102", tbw, "orders", typed)));

        String text = Files.readString(dir.resolve("topics.json"));
        assertThat(text).startsWith("{\n\t\"dataVersion\":{").contains("\"perm\":7");
        com.alibaba.fastjson.JSONObject root = com.alibaba.fastjson.JSON.parseObject(text);
        org.apache.rocketmq.common.TopicConfig official = root.getJSONObject("topicConfigTable")
                .getObject("orders", org.apache.rocketmq.common.TopicConfig.class);
        assertThat(official.getTopicName()).isEqualTo("orders");
        assertThat(official.getReadQueueNums()).isEqualTo(4);
        assertThat(official.getPerm()).isEqualTo(6);
        assertThat(official.isOrder()).isTrue();
        assertThat(official.getAttributes()).containsEntry("message.type", "FIFO");
        assertThat(root.getJSONObject("dataVersion").getLongValue("counter")).isEqualTo(6);

        TopicConfigFile.Contents back = file.load();
        assertThat(back.topics()).containsEntry("orders", typed).containsEntry("TBW102", tbw);
        assertThat(back.dataVersion().counter()).isEqualTo(6);
    }

    @Test
    void consumerOffsetsUseUnquotedQueueIdsAndReadTheBrokersOwnFile() throws Exception {
        Files.writeString(dir.resolve("consumerOffset.json"), """
                {
                	"dataVersion":{"counter":35,"stateVersion":0,"timestamp":1795366940757},
                	"groupTopicMap":{
                		"qb_cg_4805994099682":["qb_4781230250517"]
                	},
                	"offsetTable":{
                		"qb_4781230250517@qb_cg_4805994099682":{0:27456,1:27504,2:27200,3:27328
                		}
                	}
                }""");
        ConsumerOffsetFile file = new ConsumerOffsetFile(dir, clock);
        ConsumerOffsetFile.Contents read = file.load();
        assertThat(read.dataVersion().counter()).isEqualTo(35);
        assertThat(read.offsetTable().get("qb_4781230250517@qb_cg_4805994099682"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(0, 27456L, 1, 27504L, 2, 27200L, 3, 27328L));

        file.save(new ConsumerOffsetFile.Contents(read.dataVersion().next(clock.millis()), read.offsetTable()));
        String text = Files.readString(dir.resolve("consumerOffset.json"));
        assertThat(text).contains("\t\t\t0:27456,").contains("\"qb_cg_4805994099682\":[");
        com.alibaba.fastjson.JSONObject official = com.alibaba.fastjson.JSON.parseObject(text);
        assertThat(official.getJSONObject("offsetTable").getJSONObject("qb_4781230250517@qb_cg_4805994099682")
                .getLongValue("3")).isEqualTo(27328L);
        assertThat(file.load().offsetTable()).isEqualTo(read.offsetTable());
    }

    @Test
    void delayOffsetsAndSubscriptionGroupsRoundTrip() {
        DelayOffsetFile delay = new DelayOffsetFile(dir, clock);
        delay.save(new DelayOffsetFile.Contents(DataVersion.initial(clock.millis()), Map.of(2, 1L, 3, 1L)));
        assertThat(delay.load().offsetTable()).isEqualTo(Map.of(2, 1L, 3, 1L));

        SubscriptionGroupFile groups = new SubscriptionGroupFile(dir, clock);
        SubscriptionGroupConfig g = SubscriptionGroupConfig.withDefaults("specprobe_group");
        groups.save(new SubscriptionGroupFile.Contents(DataVersion.initial(clock.millis()), Map.of(g.groupName(), g),
                Map.of("specprobe_group", Map.of("t", 1))));
        SubscriptionGroupFile.Contents back = groups.load();
        assertThat(back.groups().get("specprobe_group")).isEqualTo(g);
        assertThat(back.forbiddenTable()).containsEntry("specprobe_group", Map.of("t", 1));
    }

    @Test
    void aFileBrokenByACrashMidWriteFallsBackToItsBackup() throws Exception {
        DelayOffsetFile delay = new DelayOffsetFile(dir, clock);
        delay.save(new DelayOffsetFile.Contents(DataVersion.initial(clock.millis()), Map.of(1, 10L)));
        delay.save(new DelayOffsetFile.Contents(DataVersion.initial(clock.millis()), Map.of(1, 20L)));
        assertThat(dir.resolve("delayOffset.json.bak")).exists();

        Files.writeString(dir.resolve("delayOffset.json"), "{\"dataVersion\":{\"coun");
        assertThat(delay.load().offsetTable()).as("torn file: the backup wins").isEqualTo(Map.of(1, 10L));

        Files.writeString(dir.resolve("delayOffset.json"), "");
        assertThat(delay.load().offsetTable()).isEqualTo(Map.of(1, 10L));

        Files.delete(dir.resolve("delayOffset.json"));
        assertThat(delay.load().offsetTable()).isEqualTo(Map.of(1, 10L));
    }
}
