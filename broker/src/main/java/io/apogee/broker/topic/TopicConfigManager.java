package io.apogee.broker.topic;

import io.apogee.broker.BrokerConfig;
import io.apogee.common.metadata.DataVersion;
import io.apogee.remoting.protocol.body.Permission;
import io.apogee.common.metadata.TopicConfig;
import io.apogee.common.naming.ResourceNames;
import io.apogee.store.metadata.TopicConfigFile;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics this broker holds: loaded from and persisted to {@code config/topics.json}, created by
 * operators, on first send from a template topic, or for consumer groups' retry and dead-letter
 * queues. Every change bumps the data version and tells the listeners (the name-server registrar).
 * Thread-safe: reads are lock-free, changes are serialised.
 */
public final class TopicConfigManager {
    private static final Logger LOG = LoggerFactory.getLogger(TopicConfigManager.class);
    public static final int MAX_TOPIC_LENGTH = ResourceNames.MAX_TOPIC_LENGTH;

    private final BrokerConfig config;
    private final TopicConfigFile file;
    private final Clock clock;
    private final ConcurrentMap<String, TopicConfig> topics = new ConcurrentHashMap<>();
    private final List<Consumer<TopicConfig>> changeListeners = new CopyOnWriteArrayList<>();
    private volatile DataVersion dataVersion = DataVersion.ZERO;

    public TopicConfigManager(BrokerConfig config, Path configDir, Clock clock) {
        this.config = config;
        this.file = new TopicConfigFile(configDir, clock);
        this.clock = clock;
    }

    /** Loads the persisted topics and adds the system topics that are missing. */
    public synchronized void load() {
        TopicConfigFile.Contents contents = file.load();
        contents.topics().values().forEach(t -> topics.put(t.topicName(), t));
        dataVersion = contents.dataVersion();
        boolean added = false;
        for (TopicConfig system : SystemTopics.initial(config)) {
            added |= topics.putIfAbsent(system.topicName(), system) == null;
        }
        if (added) {
            changed(null);
        }
    }

    /** Called with a topic after it was created or changed (null after a deletion or a bulk change). */
    public void addChangeListener(Consumer<TopicConfig> listener) {
        changeListeners.add(listener);
    }

    public TopicConfig get(String topic) {
        return topics.get(topic);
    }

    public Collection<TopicConfig> all() {
        return List.copyOf(topics.values());
    }

    public DataVersion dataVersion() {
        return dataVersion;
    }

    /** A consistent copy of the table and its version, for registrations. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(dataVersion, new LinkedHashMap<>(topics));
    }

    /** The topic table at one data version. */
    public record Snapshot(DataVersion dataVersion, Map<String, TopicConfig> topics) {
    }

    /**
     * Why {@code topic} is not a valid name, or null when it is.
     */
    public static String invalidNameReason(String topic) {
        if (topic == null || topic.isBlank()) {
            return "The specified topic is blank.";
        }
        if (topic.length() > MAX_TOPIC_LENGTH) {
            return "The specified topic is longer than topic max length " + MAX_TOPIC_LENGTH + ".";
        }
        if (!ResourceNames.hasOnlyLegalCharacters(topic)) {
            return "The specified topic[" + topic + "] contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$";
        }
        return null;
    }

    /**
     * Creates {@code topic} from the template {@code defaultTopic}, as a first send asks; null when
     * the template does not exist or may not be inherited.
     */
    public TopicConfig createFromTemplate(String topic, String defaultTopic, int requestedQueueNums) {
        TopicConfig existing = topics.get(topic);
        if (existing != null) {
            return existing;
        }
        TopicConfig template = topics.get(defaultTopic);
        if (template == null) {
            return null;
        }
        if (AUTO_CREATE_DEFAULT.equals(defaultTopic) && !config.autoCreateTopicEnable()) {
            return null;
        }
        if ((template.perm() & Permission.INHERIT) == 0) {
            return null;
        }
        int queues = Math.max(1, Math.min(requestedQueueNums, template.writeQueueNums()));
        TopicConfig created = new TopicConfig(topic, queues, queues, template.perm() & ~Permission.INHERIT,
                template.topicFilterType(), 0, false, Map.of());
        return createIfAbsent(created, "template " + defaultTopic);
    }

    private static final String AUTO_CREATE_DEFAULT = SystemTopics.AUTO_CREATE_TOPIC_KEY;

    /** Creates a retry or dead-letter topic of a group when it does not exist yet. */
    public TopicConfig createSystemTopicIfAbsent(String topic, int queueNums, int perm) {
        TopicConfig existing = topics.get(topic);
        if (existing != null) {
            return existing;
        }
        return createIfAbsent(TopicConfig.of(topic, queueNums, perm), "system");
    }

    private synchronized TopicConfig createIfAbsent(TopicConfig topic, String why) {
        TopicConfig existing = topics.putIfAbsent(topic.topicName(), topic);
        if (existing != null) {
            return existing;
        }
        LOG.info("topic {} created ({}): {} queues, perm {}", topic.topicName(), why, topic.writeQueueNums(),
                Permission.describe(topic.perm()));
        changed(topic);
        return topic;
    }

    /** Creates or replaces a topic, as an operator asks. */
    public synchronized void update(TopicConfig topic) {
        TopicConfig previous = topics.put(topic.topicName(), topic);
        if (!topic.equals(previous)) {
            LOG.info("topic {} {} by an operator: {} read / {} write queues, perm {}", topic.topicName(),
                    previous == null ? "created" : "updated", topic.readQueueNums(), topic.writeQueueNums(),
                    Permission.describe(topic.perm()));
            changed(topic);
        }
    }

    /** Removes a topic; true when it existed. */
    public synchronized boolean delete(String topic) {
        if (topics.remove(topic) == null) {
            return false;
        }
        LOG.info("topic {} deleted", topic);
        changed(null);
        return true;
    }

    private void changed(TopicConfig topic) {
        dataVersion = dataVersion.next(clock.millis());
        persist();
        for (Consumer<TopicConfig> listener : changeListeners) {
            try {
                listener.accept(topic);
            } catch (RuntimeException e) {
                LOG.warn("topic change listener failed", e);
            }
        }
    }

    /** Writes the table to disk. */
    public synchronized void persist() {
        file.save(new TopicConfigFile.Contents(dataVersion, new LinkedHashMap<>(topics)));
    }
}
