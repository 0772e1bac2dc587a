package io.apogee.store.metadata;

import io.apogee.common.metadata.DataVersion;
import com.alibaba.fastjson2.JSONObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code config/subscriptionGroup.json}: {@code subscriptionGroupTable} (group -> settings) and
 * {@code forbiddenTable} (group -> topic -> forbidden bit mask).
 *
 * <p>Thread-safety: as {@link MetadataFile}; callers serialise saves.
 */
public final class SubscriptionGroupFile {
    private final MetadataFile file;
    private final Clock clock;

    /** The file's content. */
    public record Contents(DataVersion dataVersion, Map<String, SubscriptionGroupConfig> groups,
                           Map<String, Map<String, Integer>> forbiddenTable) {
        public Contents {
            groups = Map.copyOf(groups);
            forbiddenTable = Map.copyOf(forbiddenTable);
        }
    }

    public SubscriptionGroupFile(Path configDir, Clock clock) {
        this.file = new MetadataFile(configDir.resolve("subscriptionGroup.json"));
        this.clock = clock;
    }

    public Contents load() {
        JSONObject root = file.read();
        Map<String, SubscriptionGroupConfig> groups = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> forbidden = new LinkedHashMap<>();
        if (root == null) {
            return new Contents(DataVersion.initial(clock.millis()), groups, forbidden);
        }
        JSONObject table = root.getJSONObject("subscriptionGroupTable");
        if (table != null) {
            for (String name : table.keySet()) {
                groups.put(name, fromJson(name, table.getJSONObject(name)));
            }
        }
        JSONObject forbid = root.getJSONObject("forbiddenTable");
        if (forbid != null) {
            for (String group : forbid.keySet()) {
                Map<String, Integer> topics = new TreeMap<>();
                JSONObject t = forbid.getJSONObject(group);
                t.keySet().forEach(k -> topics.put(k, t.getIntValue(k)));
                forbidden.put(group, topics);
            }
        }
        return new Contents(DataVersionJson.fromJson(root.getJSONObject("dataVersion"), clock), groups, forbidden);
    }

    private static SubscriptionGroupConfig fromJson(String name, JSONObject g) {
        Map<String, String> attrs = new LinkedHashMap<>();
        JSONObject a = g.getJSONObject("attributes");
        if (a != null) {
            a.forEach((k, v) -> attrs.put(k, String.valueOf(v)));
        }
        JSONObject policy = g.getJSONObject("groupRetryPolicy");
        return new SubscriptionGroupConfig(g.getString("groupName") == null ? name : g.getString("groupName"),
                g.getBooleanValue("consumeEnable", true), g.getBooleanValue("consumeFromMinEnable", true),
                g.getBooleanValue("consumeBroadcastEnable", true), g.getBooleanValue("consumeMessageOrderly"),
                g.getIntValue("retryQueueNums", 1), g.getIntValue("retryMaxTimes", 16), g.getLongValue("brokerId"),
                g.getLongValue("whichBrokerWhenConsumeSlowly", 1), g.getBooleanValue("notifyConsumerIdsChangedEnable", true),
                g.getIntValue("groupSysFlag"), g.getIntValue("consumeTimeoutMinute", 15),
                policy == null ? null : policy, attrs);
    }

    public void save(Contents contents) {
        Map<String, Object> table = new TreeMap<>();
        for (SubscriptionGroupConfig g : contents.groups().values()) {
            Map<String, Object> m = new TreeMap<>();
            m.put("attributes", new TreeMap<>(g.attributes()));
            m.put("brokerId", g.brokerId());
            m.put("consumeBroadcastEnable", g.consumeBroadcastEnable());
            m.put("consumeEnable", g.consumeEnable());
            m.put("consumeFromMinEnable", g.consumeFromMinEnable());
            m.put("consumeMessageOrderly", g.consumeMessageOrderly());
            m.put("consumeTimeoutMinute", g.consumeTimeoutMinute());
            m.put("groupName", g.groupName());
            m.put("groupRetryPolicy", g.groupRetryPolicy());
            m.put("groupSysFlag", g.groupSysFlag());
            m.put("notifyConsumerIdsChangedEnable", g.notifyConsumerIdsChangedEnable());
            m.put("retryMaxTimes", g.retryMaxTimes());
            m.put("retryQueueNums", g.retryQueueNums());
            m.put("whichBrokerWhenConsumeSlowly", g.whichBrokerWhenConsumeSlowly());
            table.put(g.groupName(), m);
        }
        Map<String, Object> forbidden = new TreeMap<>();
        contents.forbiddenTable().forEach((group, topics) -> forbidden.put(group, new TreeMap<>(topics)));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("dataVersion", DataVersionJson.toTree(contents.dataVersion()));
        root.put("forbiddenTable", forbidden);
        root.put("subscriptionGroupTable", table);
        file.write(root);
    }
}
