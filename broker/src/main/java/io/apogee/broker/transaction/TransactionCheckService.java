package io.apogee.broker.transaction;

import io.apogee.broker.BrokerContext;
import io.apogee.broker.client.ClientChannelInfo;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.common.message.MessageIds;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageRecordDecoder;
import io.apogee.common.message.PropertyNames;
import io.apogee.remoting.netty.ProcessingExecutors;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.body.Permission;
import io.apogee.store.GetMessageResult;
import io.apogee.store.MessageFilter;
import io.apogee.store.MessageStore;
import io.apogee.store.PutMessageResult;
import java.nio.ByteBuffer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks producers about half messages left open (shared/protocol/03-broker-client.md section 15.3).
 * Every {@code transactionCheckInterval} it walks the half queue from the first unfinished entry; a half
 * message older than {@code transactionTimeOut} (or its own immunity) is appended again with
 * {@code TRANSACTION_CHECK_TIMES} + 1, the old copy is recorded as finished, and
 * {@code CHECK_TRANSACTION_STATE} about the new copy goes to one live connection of its producer group.
 * After {@code transactionCheckMax} checks the half message is moved to
 * {@code TRANS_CHECK_MAX_TIME_TOPIC} instead. Appending again, as the official broker does, keeps the
 * walk moving forward and the check count durable.
 *
 * <p>Thread-safety: the walk runs on this service's single thread; {@link #checkOnce()} must not be
 * called concurrently with it (tests call it with the timer not started).
 */
public final class TransactionCheckService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionCheckService.class);
    private static final int READ_BATCH = 32;
    private static final int READ_BYTES = 4 << 20;
    private static final long SEND_TIMEOUT_MILLIS = 3_000;
    private static final long PUT_TIMEOUT_SECONDS = 10;

    private final BrokerContext context;
    private final MessageStore store;
    private final TransactionOpLog ops;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(ProcessingExecutors.named("transaction-check"));
    /** The first half-queue offset that may still be unfinished. */
    private long scanFrom;

    public TransactionCheckService(BrokerContext context, TransactionOpLog ops) {
        this.context = context;
        this.store = context.store();
        this.ops = ops;
    }

    /** Starts the periodic walk. */
    public void start() {
        long interval = Math.max(1, context.config().transactionCheckInterval());
        timer.scheduleWithFixedDelay(this::checkQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            checkOnce();
        } catch (RuntimeException e) {
            LOG.error("transaction check round failed", e);
        }
    }

    /** One walk over the half queue, up to its end when the walk began or the first half not yet due. */
    public void checkOnce() {
        long end = store.maxOffsetInQueue(SystemTopics.TRANS_HALF_TOPIC, 0);
        long offset = Math.max(scanFrom, store.minOffsetInQueue(SystemTopics.TRANS_HALF_TOPIC, 0));
        boolean allFinishedSoFar = true;
        scanFrom = offset;
        while (offset < end) {
            GetMessageResult result = store.getMessages(SystemTopics.TRANS_HALF_TOPIC, 0, offset, READ_BATCH,
                    READ_BYTES, MessageFilter.all());
            for (int i = 0; i < result.messageCount(); i++) {
                long halfOffset = result.queueOffsets().get(i);
                if (halfOffset >= end) {
                    break;
                }
                boolean finished = ops.isFinished(halfOffset);
                if (!finished) {
                    ByteBuffer view = result.buffers().get(i).duplicate();
                    MessageRecord half = MessageRecordDecoder.decode(view, view.position(), true, false);
                    long age = context.clock().millis() - half.storeTimestamp();
                    if (age < HalfMessages.checkAfterMillis(half, context.config().transactionTimeOut())) {
                        // Half messages are in store order: every later one is younger still.
                        ops.forgetBelow(scanFrom);
                        return;
                    }
                    finished = checkOrDiscard(half);
                }
                allFinishedSoFar &= finished;
                if (allFinishedSoFar) {
                    scanFrom = halfOffset + 1;
                }
            }
            if (result.nextBeginOffset() <= offset) {
                break;
            }
            offset = result.nextBeginOffset();
        }
        ops.forgetBelow(scanFrom);
    }

    /** Handles one overdue half message; true when it is finished (claimed and replaced or discarded). */
    private boolean checkOrDiscard(MessageRecord half) {
        long halfOffset = half.queueOffset();
        if (!ops.claim(halfOffset)) {
            return true;
        }
        int checks = HalfMessages.checkTimes(half);
        boolean discard = checks >= context.config().transactionCheckMax();
        MessageRecord next = discard ? discarded(half) : HalfMessages.recheckCopy(half, checks + 1);
        PutMessageResult put = putQuietly(next);
        if (put == null || !put.status().isStored()) {
            ops.release(halfOffset);
            return false;
        }
        ops.record(halfOffset);
        if (discard) {
            LOG.warn("transaction {} of {} unresolved after {} checks; moved to {}",
                    half.property(PropertyNames.UNIQ_KEY), half.property(PropertyNames.PGROUP), checks,
                    SystemTopics.TRANS_CHECK_MAX_TIME_TOPIC);
        } else {
            sendCheck(store.lookMessageByOffset(put.append().wroteOffset()));
        }
        return true;
    }

    private MessageRecord discarded(MessageRecord half) {
        context.topics().createSystemTopicIfAbsent(SystemTopics.TRANS_CHECK_MAX_TIME_TOPIC, 1, Permission.READ_WRITE);
        return HalfMessages.recheckCopy(half, HalfMessages.checkTimes(half)).toBuilder()
                .topic(SystemTopics.TRANS_CHECK_MAX_TIME_TOPIC).build();
    }

    private PutMessageResult putQuietly(MessageRecord message) {
        try {
            return store.put(message).get(PUT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("could not append half message copy to {}", message.topic(), e);
            return null;
        }
    }

    /** Sends {@code CHECK_TRANSACTION_STATE} about {@code half} to one live producer of its group, if any. */
    private void sendCheck(MessageRecord half) {
        if (half == null) {
            return;
        }
        String group = half.property(PropertyNames.PGROUP);
        ClientChannelInfo producer = group == null ? null : context.producers().anyActive(group);
        if (producer == null) {
            LOG.debug("no live producer of group {} to check transaction {}", group, half.queueOffset());
            return;
        }
        String uniqKey = half.property(PropertyNames.UNIQ_KEY);
        TransactionHeaders.CheckTransactionState header = new TransactionHeaders.CheckTransactionState(
                SystemTopics.TRANS_HALF_TOPIC, half.queueOffset(), half.physicalOffset(), uniqKey,
                half.property(HalfMessages.TRANSACTION_ID) != null ? half.property(HalfMessages.TRANSACTION_ID)
                        : uniqKey,
                MessageIds.offsetMessageId(context.storeHost(), half.physicalOffset()), context.config().brokerName());
        RemotingCommand request = RemotingCommand.request(RequestCode.CHECK_TRANSACTION_STATE, header)
                .body(HalfMessages.checkBody(half));
        try {
            context.server().invokeOneway(producer.channel(), request, SEND_TIMEOUT_MILLIS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("could not send a transaction check to {} of {}", producer.clientAddr(), group, e);
        }
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
