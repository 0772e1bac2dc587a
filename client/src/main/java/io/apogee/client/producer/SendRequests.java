package io.apogee.client.producer;

import io.apogee.client.Message;
import io.apogee.client.compression.Compression;
import io.apogee.client.runtime.RouteService;
import io.apogee.common.message.BatchBodyCodec;
import io.apogee.common.message.BatchEntry;
import io.apogee.common.message.MessageProperties;
import io.apogee.common.message.PropertyNames;
import io.apogee.common.message.UniqueKeyGenerator;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.body.MessageQueue;
import io.apogee.remoting.protocol.header.SendHeaders.SendMessageRequestV2;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns messages into {@code SEND_MESSAGE_V2} and {@code SEND_BATCH_MESSAGE} requests
 * (shared/protocol/03-broker-client.md sections 5.1 to 5.4). Thread-safe: the key generator is.
 */
final class SendRequests {
    /** The stored properties length field is 16-bit. */
    static final int MAX_PROPERTIES_LENGTH = Short.MAX_VALUE;

    private final String producerGroup;
    private final UniqueKeyGenerator uniqueKeys;
    private final int compressOver;
    private final Compression compressType;
    private final int compressLevel;
    private final int maxMessageSize;

    SendRequests(ProducerConfig config, UniqueKeyGenerator uniqueKeys) {
        this.producerGroup = config.producerGroup();
        this.uniqueKeys = uniqueKeys;
        this.compressOver = config.compressMsgBodyOverHowmuch();
        this.compressType = config.compressType();
        this.compressLevel = config.compressLevel();
        this.maxMessageSize = config.maxMessageSize();
    }

    /**
     * Prepares one message; {@code extra} properties (a transaction's) are added after the message's.
     *
     * @throws IllegalArgumentException when the encoded properties are too long
     */
    PreparedMessage single(Message message, Map<String, String> extra, int extraSysFlag) {
        String uniqKey = uniqueKeys.next();
        String encoded = checkedProperties(message.topic(), properties(message, uniqKey, extra));
        ByteBuffer body = message.bodyView();
        int sysFlag = extraSysFlag;
        if (body.remaining() > compressOver) {
            // Batches are never compressed (as the official producer); a single body is, when it shrinks
            // (random bytes grow slightly under every codec).
            byte[] compressed = compressType.compress(body, compressLevel);
            if (compressed.length < body.remaining()) {
                body = ByteBuffer.wrap(compressed).asReadOnlyBuffer();
                sysFlag |= compressType.sysFlagBits();
            }
        }
        return new PreparedMessage(message.topic(), encoded, body, sysFlag, message.flag(), System.currentTimeMillis(),
                false, uniqKey);
    }

    /**
     * Prepares a batch: every message gets its own unique key; the batch gets one more, and the shared
     * {@code WAIT}, in its header properties.
     *
     * @throws IllegalArgumentException when the batch breaks a rule of section 5.4 or is too large
     */
    PreparedMessage batch(List<Message> messages) {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one message");
        }
        Message first = messages.get(0);
        List<BatchEntry> entries = new ArrayList<>(messages.size());
        StringJoiner ids = new StringJoiner(",");
        for (Message m : messages) {
            MessageValidator.check(m, maxMessageSize);
            if (!m.topic().equals(first.topic())) {
                throw new IllegalArgumentException("all messages of a batch must have one topic, found " + first.topic()
                        + " and " + m.topic());
            }
            if (m.waitStoreMsgOk() != first.waitStoreMsgOk()) {
                throw new IllegalArgumentException("all messages of a batch must have the same waitStoreMsgOk");
            }
            if (m.delayLevel() > 0) {
                throw new IllegalArgumentException("a batch may not hold delayed messages, topic=" + m.topic());
            }
            if (m.topic().startsWith("%RETRY%")) {
                throw new IllegalArgumentException("a batch may not go to a retry topic, topic=" + m.topic());
            }
            String uniqKey = uniqueKeys.next();
            ids.add(uniqKey);
            entries.add(new BatchEntry(m.flag(), m.body(), checkedProperties(m.topic(), properties(m, uniqKey, Map.of()))));
        }
        byte[] body = BatchBodyCodec.encode(entries);
        if (body.length > maxMessageSize) {
            throw new IllegalArgumentException("the batch is " + body.length + " bytes encoded, over the limit of "
                    + maxMessageSize + " (maxMessageSize); send fewer messages at once");
        }
        Map<String, String> header = new LinkedHashMap<>();
        header.put(PropertyNames.UNIQ_KEY, uniqueKeys.next());
        header.put(PropertyNames.WAIT, Boolean.toString(first.waitStoreMsgOk()));
        return new PreparedMessage(first.topic(), MessageProperties.encode(header),
                ByteBuffer.wrap(body).asReadOnlyBuffer(), 0, 0, System.currentTimeMillis(), true, ids.toString());
    }

    /** A fresh request for one attempt at {@code queue} (each attempt needs its own opaque). */
    RemotingCommand request(PreparedMessage message, MessageQueue queue) {
        SendMessageRequestV2 header = new SendMessageRequestV2(producerGroup, message.topic(),
                RouteService.DEFAULT_TOPIC, RouteService.DEFAULT_TOPIC_QUEUE_NUMS, queue.queueId(), message.sysFlag(),
                message.bornTimestamp(), message.flag(), message.properties(), 0, false, null, message.batch(),
                queue.brokerName());
        int code = message.batch() ? RequestCode.SEND_BATCH_MESSAGE : RequestCode.SEND_MESSAGE_V2;
        return RemotingCommand.request(code, header).bodyRegion(message.body());
    }

    /**
     * The encoded properties: the user's (in their order), then the platform's, then {@code extra}. Written
     * straight into one builder, without a map: user property names cannot be reserved ones (the message
     * builder refuses them) and {@code extra} holds other reserved names, so no name repeats.
     */
    static String properties(Message message, String uniqKey, Map<String, String> extra) {
        if (message.properties().isEmpty() && message.keys().isEmpty() && message.delayLevel() <= 0
                && extra.isEmpty()) {
            // The usual message: one exactly sized string, without a builder's buffer and the copy out of it.
            String wait = message.waitStoreMsgOk() ? "true" : "false";
            String tags = message.tags();
            if (tags == null) {
                return PropertyNames.WAIT + MessageProperties.NAME_VALUE_SEPARATOR + wait
                        + MessageProperties.PROPERTY_SEPARATOR + PropertyNames.UNIQ_KEY
                        + MessageProperties.NAME_VALUE_SEPARATOR + uniqKey + MessageProperties.PROPERTY_SEPARATOR;
            }
            return PropertyNames.TAGS + MessageProperties.NAME_VALUE_SEPARATOR + tags
                    + MessageProperties.PROPERTY_SEPARATOR + PropertyNames.WAIT + MessageProperties.NAME_VALUE_SEPARATOR
                    + wait + MessageProperties.PROPERTY_SEPARATOR + PropertyNames.UNIQ_KEY
                    + MessageProperties.NAME_VALUE_SEPARATOR + uniqKey + MessageProperties.PROPERTY_SEPARATOR;
        }
        return anyProperties(message, uniqKey, extra);
    }

    /** {@link #properties} for any message, through a builder. */
    static String anyProperties(Message message, String uniqKey, Map<String, String> extra) {
        StringBuilder out = new StringBuilder(64 + 24 * message.properties().size());
        if (!message.properties().isEmpty()) {
            for (Map.Entry<String, String> e : message.properties().entrySet()) {
                property(out, e.getKey(), e.getValue());
            }
        }
        if (!message.keys().isEmpty()) {
            property(out, PropertyNames.KEYS, String.join(PropertyNames.KEY_SEPARATOR, message.keys()));
        }
        if (message.tags() != null) {
            property(out, PropertyNames.TAGS, message.tags());
        }
        if (message.delayLevel() > 0) {
            property(out, PropertyNames.DELAY, Integer.toString(message.delayLevel()));
        }
        property(out, PropertyNames.WAIT, message.waitStoreMsgOk() ? "true" : "false");
        property(out, PropertyNames.UNIQ_KEY, uniqKey);
        if (!extra.isEmpty()) {
            for (Map.Entry<String, String> e : extra.entrySet()) {
                property(out, e.getKey(), e.getValue());
            }
        }
        return out.toString();
    }

    private static void property(StringBuilder out, String name, String value) {
        if (value != null) {
            out.append(name).append(MessageProperties.NAME_VALUE_SEPARATOR).append(value)
                    .append(MessageProperties.PROPERTY_SEPARATOR);
        }
    }

    private static String checkedProperties(String topic, String encoded) {
        // A UTF-16 unit is at most three UTF-8 bytes: short properties need no measuring (nor a byte copy).
        if ((long) encoded.length() * 3 <= MAX_PROPERTIES_LENGTH) {
            return encoded;
        }
        int length = encoded.getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_PROPERTIES_LENGTH) {
            throw new IllegalArgumentException("the message properties are " + length + " bytes encoded, over the "
                    + "limit of " + MAX_PROPERTIES_LENGTH + ", topic=" + topic);
        }
        return encoded;
    }
}
