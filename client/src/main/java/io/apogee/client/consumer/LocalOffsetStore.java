package io.apogee.client.consumer;

import io.apogee.common.io.AtomicFile;
import io.apogee.remoting.protocol.body.BodyException;
import io.apogee.remoting.protocol.body.JsonBody;
import io.apogee.remoting.protocol.body.MessageQueue;
import io.apogee.remoting.protocol.body.MessageQueueKeyedJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broadcasting offsets, kept on this machine as the official client keeps them:
 * {@code <rocketmq.client.localOffsetStoreDir or ~/.rocketmq_offsets>/<clientId>/<group>/offsets.json},
 * holding {@code {"offsetTable":{{"brokerName":..,"queueId":..,"topic":..}:offset,...}}} (MessageQueue
 * objects as keys, as fastjson writes them). Read once at start; updated in memory and written whole,
 * atomically, on {@link #flush()}. Thread-safe.
 */
final class LocalOffsetStore implements OffsetStore {
    static final String DIR_PROPERTY = "rocketmq.client.localOffsetStoreDir";

    private static final Logger LOG = LoggerFactory.getLogger(LocalOffsetStore.class);
    /** One {@code {queue}:offset} entry; the key object holds no nested braces. */
    private static final Pattern ENTRY = Pattern.compile("(\\{[^{}]*\\})\\s*:\\s*(-?\\d+)");

    private final Path file;
    private final ConcurrentMap<MessageQueue, Long> offsets = new ConcurrentHashMap<>();

    LocalOffsetStore(Path file) {
        this.file = file;
        load();
    }

    /** The official location of {@code group}'s file for {@code clientId}. */
    static Path defaultFile(String clientId, String group) {
        String root = System.getProperty(DIR_PROPERTY,
                System.getProperty("user.home") + java.io.File.separator + ".rocketmq_offsets");
        return Path.of(root, clientId, group, "offsets.json");
    }

    Path file() {
        return file;
    }

    private void load() {
        byte[] content;
        try {
            content = AtomicFile.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the local offsets " + file, e);
        }
        if (content == null) {
            return;
        }
        offsets.putAll(parse(new String(content, StandardCharsets.UTF_8), file));
        LOG.info("loaded {} local offsets from {}", offsets.size(), file);
    }

    /**
     * The entries of an offsets file.
     *
     * @throws IllegalStateException naming the file when an entry's key is not a message queue
     */
    static Map<MessageQueue, Long> parse(String json, Path source) {
        Map<MessageQueue, Long> out = new java.util.HashMap<>();
        int table = json.indexOf("\"offsetTable\"");
        if (table < 0) {
            return out;
        }
        Matcher m = ENTRY.matcher(json);
        m.region(table, json.length());
        while (m.find()) {
            try {
                MessageQueue queue = JsonBody.decode(m.group(1).getBytes(StandardCharsets.UTF_8), MessageQueue.class);
                if (queue == null || queue.topic() == null || queue.brokerName() == null) {
                    throw new IllegalStateException("an entry of " + source + " is not a message queue: " + m.group(1));
                }
                out.put(queue, Long.parseLong(m.group(2)));
            } catch (BodyException | NumberFormatException e) {
                throw new IllegalStateException("the local offsets " + source + " are corrupt near: " + m.group(), e);
            }
        }
        return out;
    }

    @Override
    public OptionalLong read(MessageQueue queue) {
        Long offset = offsets.get(queue);
        return offset != null && offset >= 0 ? OptionalLong.of(offset) : OptionalLong.empty();
    }

    @Override
    public void storeQuietly(QueueState state) {
        long offset = state.offsetToCommit();
        if (offset >= 0) {
            offsets.put(state.queue(), offset);
            state.committed(offset);
        }
    }

    @Override
    public CompletableFuture<Void> store(MessageQueue queue, long offset) {
        offsets.put(queue, offset);
        try {
            write();
            return CompletableFuture.completedFuture(null);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void flush() {
        try {
            write();
        } catch (IOException e) {
            LOG.warn("could not write the local offsets {}: {}", file, e.toString());
        }
    }

    private synchronized void write() throws IOException {
        StringBuilder out = new StringBuilder(32 + offsets.size() * 96).append('{');
        MessageQueueKeyedJson.writeMap(MessageQueueKeyedJson.field(out, "offsetTable"), Map.copyOf(offsets));
        java.nio.file.Files.createDirectories(file.getParent());
        AtomicFile.write(file, MessageQueueKeyedJson.bytes(out.append('}')));
    }
}
