package io.apogee.store.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * All consume queues, by topic and queue id, under {@code consumequeue/}.
 *
 * <p>Thread-safe: queues are created on demand through a concurrent map, so the dispatcher and
 * readers may look them up concurrently.
 */
public final class ConsumeQueueTable {
    private final Path root;
    private final int fileSize;
    private final Map<String, Map<Integer, ConsumeQueue>> queues = new ConcurrentHashMap<>();

    public ConsumeQueueTable(Path root, int fileSize) {
        this.root = root;
        this.fileSize = fileSize;
    }

    /** Maps every queue directory found on disk. */
    public void load() {
        if (!Files.isDirectory(root)) {
            return;
        }
        for (Path topicDir : list(root)) {
            String topic = topicDir.getFileName().toString();
            for (Path queueDir : list(topicDir)) {
                int queueId;
                try {
                    queueId = Integer.parseInt(queueDir.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                findOrCreate(topic, queueId).load();
            }
        }
    }

    public ConsumeQueue findOrCreate(String topic, int queueId) {
        return queues.computeIfAbsent(topic, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(queueId, q -> new ConsumeQueue(topic, q,
                        root.resolve(topic).resolve(Integer.toString(q)), fileSize));
    }

    /** The queue, or null if nothing was ever dispatched to it. */
    public ConsumeQueue find(String topic, int queueId) {
        Map<Integer, ConsumeQueue> byId = queues.get(topic);
        return byId == null ? null : byId.get(queueId);
    }

    public List<ConsumeQueue> all() {
        List<ConsumeQueue> out = new ArrayList<>();
        for (Map<Integer, ConsumeQueue> byId : queues.values()) {
            out.addAll(byId.values());
        }
        return out;
    }

    /** Highest CommitLog end referenced by any queue: where normal recovery may start dispatching. */
    public long maxPhysicalEnd() {
        long max = 0;
        for (ConsumeQueue q : all()) {
            max = Math.max(max, q.maxPhysicalEnd());
        }
        return max;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
