package io.apogee.broker.longpolling;

import io.apogee.remoting.RequestContext;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.store.MessageFilter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pull request parked until a message arrives for its queue or its deadline passes. Whoever
 * {@linkplain #claim() claims} it first (an arrival, the deadline scan, the post-park check or
 * shutdown) answers it; every later claim fails, so a request is answered exactly once.
 *
 * <p>Thread-safe: fixed fields and an atomic claim.
 */
public final class HeldPull {
    private final RequestContext context;
    private final RemotingCommand request;
    private final String topic;
    private final int queueId;
    private final long queueOffset;
    private final MessageFilter filter;
    private final long deadlineMillis;
    private final AtomicBoolean claimed = new AtomicBoolean();

    /**
     * @param queueOffset the offset the client pulls from: a message at or after it wakes the request
     * @param filter the request's tag filter, so that arrivals it would not return leave it parked
     */
    public HeldPull(RequestContext context, RemotingCommand request, String topic, int queueId, long queueOffset,
            MessageFilter filter, long deadlineMillis) {
        this.context = context;
        this.request = request;
        this.topic = topic;
        this.queueId = queueId;
        this.queueOffset = queueOffset;
        this.filter = filter;
        this.deadlineMillis = deadlineMillis;
    }

    public RequestContext context() {
        return context;
    }

    public RemotingCommand request() {
        return request;
    }

    public String topic() {
        return topic;
    }

    public int queueId() {
        return queueId;
    }

    public long queueOffset() {
        return queueOffset;
    }

    public long deadlineMillis() {
        return deadlineMillis;
    }

    /** Whether a message that arrived with {@code tagsCode} and made the queue end at {@code nextQueueOffset} concerns this pull. */
    boolean wantedBy(long nextQueueOffset, long tagsCode) {
        return nextQueueOffset > queueOffset && filter.matchesTagsCode(tagsCode);
    }

    /** True for exactly one caller. */
    boolean claim() {
        return claimed.compareAndSet(false, true);
    }

    String key() {
        return key(topic, queueId);
    }

    static String key(String topic, int queueId) {
        return topic + '@' + queueId;
    }
}
