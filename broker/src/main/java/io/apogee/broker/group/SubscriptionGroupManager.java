package io.apogee.broker.group;

import io.apogee.broker.BrokerConfig;
import io.apogee.common.metadata.DataVersion;
import io.apogee.store.metadata.SubscriptionGroupConfig;
import io.apogee.store.metadata.SubscriptionGroupFile;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer groups' settings (retry queues and attempts, consume and broadcast switches), persisted
 * to {@code config/subscriptionGroup.json}; created with RocketMQ's defaults on first use when
 * {@code autoCreateSubscriptionGroup} is on. Thread-safe: reads are lock-free, changes serialised.
 */
public final class SubscriptionGroupManager {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionGroupManager.class);

    private final BrokerConfig config;
    private final SubscriptionGroupFile file;
    private final Clock clock;
    private final ConcurrentMap<String, SubscriptionGroupConfig> groups = new ConcurrentHashMap<>();
    private volatile Map<String, Map<String, Integer>> forbiddenTable = Map.of();
    private volatile DataVersion dataVersion;

    public SubscriptionGroupManager(BrokerConfig config, Path configDir, Clock clock) {
        this.config = config;
        this.file = new SubscriptionGroupFile(configDir, clock);
        this.clock = clock;
        this.dataVersion = DataVersion.initial(clock.millis());
    }

    public synchronized void load() {
        SubscriptionGroupFile.Contents contents = file.load();
        groups.putAll(contents.groups());
        forbiddenTable = contents.forbiddenTable();
        dataVersion = contents.dataVersion();
    }

    /** The group's settings, or null when it does not exist. */
    public SubscriptionGroupConfig get(String group) {
        return groups.get(group);
    }

    /** The group's settings, created with defaults when allowed; null when it does not exist and may not be made. */
    public SubscriptionGroupConfig getOrCreate(String group) {
        SubscriptionGroupConfig existing = groups.get(group);
        if (existing != null || !config.autoCreateSubscriptionGroup()) {
            return existing;
        }
        return createIfAbsent(SubscriptionGroupConfig.withDefaults(group));
    }

    private synchronized SubscriptionGroupConfig createIfAbsent(SubscriptionGroupConfig group) {
        SubscriptionGroupConfig existing = groups.putIfAbsent(group.groupName(), group);
        if (existing != null) {
            return existing;
        }
        LOG.info("subscription group {} created with defaults", group.groupName());
        changed();
        return group;
    }

    public Collection<SubscriptionGroupConfig> all() {
        return List.copyOf(groups.values());
    }

    public DataVersion dataVersion() {
        return dataVersion;
    }

    /** Creates or replaces a group, as an operator asks. */
    public synchronized void update(SubscriptionGroupConfig group) {
        groups.put(group.groupName(), group);
        LOG.info("subscription group {} updated by an operator", group.groupName());
        changed();
    }

    /** Removes a group; true when it existed. */
    public synchronized boolean delete(String group) {
        if (groups.remove(group) == null) {
            return false;
        }
        LOG.info("subscription group {} deleted", group);
        changed();
        return true;
    }

    private void changed() {
        dataVersion = dataVersion.next(clock.millis());
        persist();
    }

    public synchronized void persist() {
        file.save(new SubscriptionGroupFile.Contents(dataVersion, groups, forbiddenTable));
    }
}
