package io.apogee.namesrv.kv;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.TypeReference;
import io.apogee.common.io.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Namespaced key-value settings (order-topic configs among them), persisted as RocketMQ's
 * {@code kvConfig.json} ({@code {"configTable":{namespace:{key:value}}}}) on every change, atomically.
 * Thread-safe: changes and their persistence are serialised; reads see a consistent copy.
 */
public final class KvConfigStore {
    private final Path file;
    private final Map<String, Map<String, String>> table = new HashMap<>();
    private volatile long generation;

    /** The persisted shape. */
    public record Snapshot(Map<String, Map<String, String>> configTable) {
    }

    public KvConfigStore(Path file) {
        this.file = file;
    }

    /**
     * Loads the persisted table, if any.
     *
     * @throws IOException when the file exists but cannot be read or parsed
     */
    public synchronized void load() throws IOException {
        byte[] content = AtomicFile.read(file);
        if (content == null) {
            return;
        }
        Snapshot snapshot;
        try {
            snapshot = JSON.parseObject(content, new TypeReference<Snapshot>() { }.getType());
        } catch (JSONException e) {
            throw new IOException("KV config file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        table.clear();
        if (snapshot != null && snapshot.configTable() != null) {
            snapshot.configTable().forEach((ns, kv) -> table.put(ns, new HashMap<>(kv)));
        }
        generation++;
    }

    public synchronized void put(String namespace, String key, String value) {
        String previous = table.computeIfAbsent(namespace, ns -> new HashMap<>()).put(key, value);
        if (!value.equals(previous)) {
            changed();
        }
    }

    public synchronized String get(String namespace, String key) {
        Map<String, String> kv = table.get(namespace);
        return kv == null ? null : kv.get(key);
    }

    public synchronized void delete(String namespace, String key) {
        Map<String, String> kv = table.get(namespace);
        if (kv != null && kv.remove(key) != null) {
            if (kv.isEmpty()) {
                table.remove(namespace);
            }
            changed();
        }
    }

    /** A copy of one namespace, or null when it has no keys. */
    public synchronized Map<String, String> namespace(String namespace) {
        Map<String, String> kv = table.get(namespace);
        return kv == null || kv.isEmpty() ? null : new TreeMap<>(kv);
    }

    /** Changes with every put and delete, so that cached answers built from this store can be checked. */
    public long generation() {
        return generation;
    }

    private void changed() {
        generation++;
        Map<String, Map<String, String>> copy = new TreeMap<>();
        table.forEach((ns, kv) -> copy.put(ns, new TreeMap<>(kv)));
        try {
            AtomicFile.write(file, JSON.toJSONBytes(new Snapshot(copy)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist KV config to " + file, e);
        }
    }
}
