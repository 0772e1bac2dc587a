package io.apogee.client.admin;

import io.apogee.client.ClientException;
import io.apogee.client.ReceivedMessage;
import io.apogee.common.message.CorruptRecordException;
import io.apogee.common.message.MessageIds;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageRecordDecoder;
import io.apogee.common.message.PropertyNames;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.QueryHeaders;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The message lookups of the admin client: by offset message id ({@code VIEW_MESSAGE_BY_ID} to the
 * broker the id names) and by key or unique key ({@code QUERY_MESSAGE} to every master of the topic's
 * route, keeping only the records that really match, as the index may hold hash collisions).
 * Thread-safe.
 */
final class MessageLookups {
    /** What the broker caps a unique-key query at. */
    private static final int UNIQUE_KEY_MAX = 32;

    private final AdminCalls calls;
    private final Function<String, TopicRoute> routes;

    MessageLookups(AdminCalls calls, Function<String, TopicRoute> routes) {
        this.calls = calls;
        this.routes = routes;
    }

    ReceivedMessage byOffsetId(String offsetMsgId) {
        AdminChecks.checkNotBlank("offsetMsgId", offsetMsgId);
        MessageIds.OffsetMessageId id = MessageIds.decode(offsetMsgId.trim());
        String addr = id.storeHost().getHostString() + ":" + id.storeHost().getPort();
        AdminCalls.Reply reply = calls.broker(addr, RemotingCommand.request(RequestCode.VIEW_MESSAGE_BY_ID,
                new QueryHeaders.ViewMessage(null, id.offset()))).expect();
        List<MessageRecord> records = decode(reply);
        if (records.isEmpty()) {
            throw new ClientException("broker " + addr + " returned no message for " + offsetMsgId);
        }
        return ReceivedMessage.of(records.get(0));
    }

    List<ReceivedMessage> byKey(String topic, String key, int maxNum, long begin, long end) {
        AdminChecks.checkTopic(topic);
        AdminChecks.checkNotBlank("key", key);
        if (maxNum <= 0 || begin < 0 || end < begin) {
            throw new IllegalArgumentException("need maxNum > 0 and 0 <= begin <= end, maxNum=" + maxNum + ", begin="
                    + begin + ", end=" + end);
        }
        List<ReceivedMessage> found = new ArrayList<>();
        for (MessageRecord record : query(topic, key, maxNum, begin, end, false)) {
            String keys = record.propertyMap().get(PropertyNames.KEYS);
            if (keys != null && Arrays.asList(keys.split(PropertyNames.KEY_SEPARATOR)).contains(key)) {
                found.add(ReceivedMessage.of(record));
            }
        }
        return List.copyOf(found);
    }

    Optional<ReceivedMessage> byUniqueKey(String topic, String uniqueKey) {
        AdminChecks.checkTopic(topic);
        AdminChecks.checkNotBlank("uniqueKey", uniqueKey);
        for (MessageRecord record : query(topic, uniqueKey, UNIQUE_KEY_MAX, 0, Long.MAX_VALUE, true)) {
            if (uniqueKey.equals(record.propertyMap().get(PropertyNames.UNIQ_KEY))) {
                return Optional.of(ReceivedMessage.of(record));
            }
        }
        return Optional.empty();
    }

    private List<MessageRecord> query(String topic, String key, int maxNum, long begin, long end, boolean unique) {
        List<MessageRecord> out = new ArrayList<>();
        for (String addr : routes.apply(topic).masterAddrs()) {
            RemotingCommand request = RemotingCommand.request(RequestCode.QUERY_MESSAGE,
                    new QueryHeaders.QueryMessage(topic, key, maxNum, begin, end))
                    .putExtField(QueryHeaders.UNIQUE_KEY_QUERY, Boolean.toString(unique));
            AdminCalls.Reply reply = calls.broker(addr, request).expect(ResponseCode.QUERY_NOT_FOUND);
            if (reply.code() == ResponseCode.SUCCESS) {
                for (MessageRecord record : decode(reply)) {
                    if (topic.equals(record.topic())) {
                        out.add(record);
                    }
                }
            }
        }
        return out;
    }

    private static List<MessageRecord> decode(AdminCalls.Reply reply) {
        byte[] body = reply.response().body();
        if (body == null || body.length == 0) {
            return List.of();
        }
        try {
            return MessageRecordDecoder.decodeAll(ByteBuffer.wrap(body));
        } catch (CorruptRecordException | IllegalArgumentException e) {
            throw new ClientException("bad message records from " + reply.address() + ": " + e.getMessage(), e);
        }
    }
}
