package io.apogee.client;

import io.apogee.common.message.PropertyNames;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message to send: topic, optional tags and keys, user properties, an application flag and the body.
 * Immutable and thread-safe once built; the body array is copied in and out so no caller can change
 * a message another thread is sending.
 *
 * <p>Keys and tags travel as the {@code KEYS} and {@code TAGS} properties; user properties may not
 * use those names or any other name the platform reserves (they would be overwritten on the way).
 */
public final class Message {
    private final String topic;
    private final String tags;
    private final List<String> keys;
    private final Map<String, String> properties;
    private final int flag;
    private final int delayLevel;
    private final boolean waitStoreMsgOk;
    private final byte[] body;

    private Message(Builder b) {
        this.topic = b.topic;
        this.tags = b.tags;
        this.keys = b.keys.isEmpty() ? List.of() : List.copyOf(b.keys);
        this.properties = b.properties.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        this.flag = b.flag;
        this.delayLevel = b.delayLevel;
        this.waitStoreMsgOk = b.waitStoreMsgOk;
        // The builder's array is already private to it (copied in, or handed over by wrapBody) and
        // never written to, so it is shared rather than copied a second time.
        this.body = b.body;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this message's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder().topic(topic).tags(tags).flag(flag).delayLevel(delayLevel)
                .waitStoreMsgOk(waitStoreMsgOk).body(body);
        b.keys(keys);
        properties.forEach(b::property);
        return b;
    }

    public String topic() {
        return topic;
    }

    /** The tag, or null. */
    public String tags() {
        return tags;
    }

    public List<String> keys() {
        return keys;
    }

    /** User properties, in insertion order. */
    public Map<String, String> properties() {
        return properties;
    }

    public int flag() {
        return flag;
    }

    /** Delay level 1..18 ({@code DELAY}), or 0 for an immediate message. */
    public int delayLevel() {
        return delayLevel;
    }

    /** {@code WAIT}: whether the broker answers only after the message is flushed/replicated as configured. */
    public boolean waitStoreMsgOk() {
        return waitStoreMsgOk;
    }

    /** A copy of the body. */
    public byte[] body() {
        return body.clone();
    }

    /** The body's length without copying it. */
    public int bodyLength() {
        return body.length;
    }

    /** A read-only view of the body, for senders that must not copy large bodies. */
    public ByteBuffer bodyView() {
        return ByteBuffer.wrap(body).asReadOnlyBuffer();
    }

    @Override
    public String toString() {
        // The body is left out: it may be large, and may hold what logs should not show.
        return "Message[topic=" + topic + ", tags=" + tags + ", keys=" + keys + ", properties=" + properties
                + ", flag=" + flag + ", delayLevel=" + delayLevel + ", bodyLength=" + body.length + "]";
    }

    /** Builds a {@link Message}. Not thread-safe. */
    public static final class Builder {
        private String topic;
        private String tags;
        // Created on first use: most messages have neither keys nor properties, and one builder is made per
        // message sent.
        private List<String> keys = List.of();
        private Map<String, String> properties = Map.of();
        private int flag;
        private int delayLevel;
        private boolean waitStoreMsgOk = true;
        private byte[] body;

        private Builder() {
        }

        public Builder topic(String topic) {
            this.topic = topic;
            return this;
        }

        public Builder tags(String tags) {
            this.tags = tags;
            return this;
        }

        /** Replaces the keys; each must be non-blank and free of spaces (keys travel space-separated). */
        public Builder keys(String... keys) {
            this.keys = new ArrayList<>(Arrays.asList(keys));
            return this;
        }

        public Builder keys(List<String> keys) {
            this.keys = new ArrayList<>(keys);
            return this;
        }

        public Builder property(String name, String value) {
            if (properties.isEmpty()) {
                properties = new LinkedHashMap<>();
            }
            properties.put(name, value);
            return this;
        }

        public Builder flag(int flag) {
            this.flag = flag;
            return this;
        }

        public Builder delayLevel(int delayLevel) {
            this.delayLevel = delayLevel;
            return this;
        }

        public Builder waitStoreMsgOk(boolean waitStoreMsgOk) {
            this.waitStoreMsgOk = waitStoreMsgOk;
            return this;
        }

        /** Copies {@code body}, so the caller may reuse its array. */
        public Builder body(byte[] body) {
            this.body = body == null ? null : body.clone();
            return this;
        }

        /**
         * Takes {@code body} without copying it: the message (and every message built from this builder
         * until the body is set again) then shares the array, so the caller must not change it afterwards,
         * or messages already built, and possibly not yet sent, change with it. For callers that build a
         * new array per message anyway and want to spare the copy; {@link #body} is the safe default.
         */
        public Builder wrapBody(byte[] body) {
            this.body = body;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first bad field: a missing topic or body, a bad
         *     key, tag or property. Limits that depend on the producer (the size) are checked when sent.
         */
        public Message build() {
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("message topic must not be empty");
            }
            if (body == null) {
                throw new IllegalArgumentException("message body must not be null, topic=" + topic);
            }
            if (tags != null && (tags.isBlank() || hasSeparator(tags))) {
                throw new IllegalArgumentException("message tags must be non-blank text without control "
                        + "separators, tags=" + tags);
            }
            for (String key : keys) {
                if (key == null || key.isBlank() || key.contains(PropertyNames.KEY_SEPARATOR) || hasSeparator(key)) {
                    throw new IllegalArgumentException("a message key must be non-blank without spaces, key=" + key);
                }
            }
            if (delayLevel < 0) {
                throw new IllegalArgumentException("delayLevel must be >= 0, delayLevel=" + delayLevel);
            }
            for (Map.Entry<String, String> e : properties.entrySet()) {
                checkProperty(e.getKey(), e.getValue());
            }
            return new Message(this);
        }

        private static void checkProperty(String name, String value) {
            if (name == null || name.isEmpty() || value == null || value.isEmpty()) {
                throw new IllegalArgumentException("a property needs a non-empty name and value, name=" + name
                        + ", value=" + value);
            }
            if (hasSeparator(name) || hasSeparator(value)) {
                throw new IllegalArgumentException("a property must not contain the characters 0x01 or 0x02, name="
                        + name);
            }
            if (ReservedProperties.isReserved(name)) {
                throw new IllegalArgumentException("the property name " + name + " is reserved by the platform");
            }
        }

        private static boolean hasSeparator(String s) {
            return s.indexOf('\u0001') >= 0 || s.indexOf('\u0002') >= 0;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Message m)) {
            return false;
        }
        return flag == m.flag && delayLevel == m.delayLevel && waitStoreMsgOk == m.waitStoreMsgOk
                && topic.equals(m.topic) && Objects.equals(tags, m.tags) && keys.equals(m.keys)
                && properties.equals(m.properties) && Arrays.equals(body, m.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, tags, keys, properties, flag, delayLevel) * 31 + Arrays.hashCode(body);
    }
}
