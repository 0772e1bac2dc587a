package io.apogee.client.producer;

import io.apogee.client.ClientException;
import io.apogee.client.Message;
import io.apogee.client.ReceivedMessage;
import io.apogee.client.runtime.TransactionCheckHandler;
import io.apogee.common.message.MessageRecord;
import io.apogee.common.message.MessageSysFlag;
import io.apogee.common.message.PropertyNames;
import io.apogee.remoting.RemotingException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.header.TransactionHeaders.CheckTransactionState;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends messages in transactions (shared/protocol/03-broker-client.md section 15): the message is
 * stored as an invisible half message, the {@link TransactionListener} runs the local transaction,
 * and a oneway {@code END_TRANSACTION} commits or rolls the message back. When the broker never learns
 * the outcome it asks this producer's group ({@code CHECK_TRANSACTION_STATE}); the listener's check
 * answer goes back the same way. Checks run on a small executor of this producer (one thread, 2000
 * waiting checks; more are dropped, the broker asks again). Thread-safe.
 */
public final class TransactionProducer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionProducer.class);

    private final ProducerCore core;
    private final TransactionListener listener;
    private final ExecutorService checkExecutor;

    private TransactionProducer(ProducerConfig config, BrokerFaultStrategy faults, TransactionListener listener) {
        this.listener = listener;
        this.checkExecutor = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(2000),
                runnable -> {
                    Thread thread = new Thread(runnable, "apogee-transaction-check-" + config.producerGroup());
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            this.core = new ProducerCore(config, faults, new CheckHandler());
        } catch (RuntimeException e) {
            checkExecutor.shutdownNow();
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TransactionProducer}. Not thread-safe. */
    public static final class Builder extends ProducerBuilderBase<Builder> {
        private TransactionListener listener;

        private Builder() {
        }

        public Builder transactionListener(TransactionListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first bad setting, or a missing listener
         */
        public TransactionProducer build() {
            if (listener == null) {
                throw new IllegalArgumentException("a transactional producer needs a transactionListener");
            }
            ProducerConfig config = config();
            return new TransactionProducer(config, faultStrategy(config), listener);
        }
    }

    /**
     * Sends {@code message} as a half message, runs the local transaction with {@code arg} on this
     * thread, and ends the transaction. A half message the broker did not store fully (a flush or
     * replication time-out) is rolled back without running the local transaction.
     *
     * @throws IllegalArgumentException for a message that cannot be sent, or a delayed one
     */
    public TransactionSendResult sendInTransaction(Message message, Object arg) {
        core.checkOpen();
        MessageValidator.check(message, core.config().maxMessageSize());
        if (message.delayLevel() > 0) {
            throw new IllegalArgumentException("a transactional message cannot be delayed, topic=" + message.topic());
        }
        PreparedMessage prepared = core.engine().requests().single(message,
                Map.of(PropertyNames.TRAN_MSG, "true", PropertyNames.PGROUP, core.config().producerGroup()),
                MessageSysFlag.TRANSACTION_PREPARED_TYPE);
        SendResult sent = core.sendSync(prepared, core.config().retryTimesWhenSendFailed());
        LocalTransactionState state = LocalTransactionState.ROLLBACK_MESSAGE;
        String remark = null;
        if (sent.status() == SendStatus.SEND_OK) {
            try {
                state = Objects.requireNonNullElse(listener.executeLocalTransaction(message, arg),
                        LocalTransactionState.UNKNOW);
            } catch (RuntimeException e) {
                LOG.warn("local transaction of message {} threw; its state stays unknown", sent.msgId(), e);
                state = LocalTransactionState.UNKNOW;
                remark = "executeLocalTransactionBranch exception: " + e;
            }
        }
        endTransaction(sent, state, remark);
        return new TransactionSendResult(sent, state);
    }

    private void endTransaction(SendResult sent, LocalTransactionState state, String remark) {
        String addr = core.runtime().routes().table().masterAddr(sent.messageQueue().brokerName());
        if (addr == null) {
            // The broker will check the transaction later; the producer answers then.
            LOG.warn("no address for broker {} to end transaction {}", sent.messageQueue().brokerName(), sent.msgId());
            return;
        }
        RemotingCommand request = EndTransactionRequests.afterSend(core.config().producerGroup(), sent, state, remark);
        sendOneway(addr, request, sent.msgId());
    }

    private void sendOneway(String addr, RemotingCommand request, String msgId) {
        try {
            core.runtime().remoting().invokeOneway(addr, request, core.config().sendMsgTimeoutMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while ending transaction " + msgId, e);
        } catch (RemotingException e) {
            // Not fatal: the broker checks unresolved half messages and the check handler answers.
            LOG.warn("END_TRANSACTION of {} to {} failed: {}", msgId, addr, e.toString());
        }
    }

    /** Handles the broker's checks of this group's half messages on the check executor. */
    private final class CheckHandler implements TransactionCheckHandler {
        @Override
        public void onCheck(String brokerAddr, CheckTransactionState check, MessageRecord halfMessage) {
            try {
                checkExecutor.execute(() -> answer(brokerAddr, check, halfMessage));
            } catch (RejectedExecutionException e) {
                LOG.warn("too many transaction checks waiting; dropped the check of {}", check.msgId());
            }
        }

        private void answer(String brokerAddr, CheckTransactionState check, MessageRecord halfMessage) {
            LocalTransactionState state;
            String remark = null;
            String uniqKey = halfMessage.property(PropertyNames.UNIQ_KEY);
            try {
                state = Objects.requireNonNullElse(listener.checkLocalTransaction(ReceivedMessage.of(halfMessage)),
                        LocalTransactionState.UNKNOW);
            } catch (RuntimeException e) {
                LOG.warn("transaction check of message {} threw; answering unknown", uniqKey, e);
                state = LocalTransactionState.UNKNOW;
                remark = "checkLocalTransactionState exception: " + e;
            }
            sendOneway(brokerAddr, EndTransactionRequests.afterCheck(core.config().producerGroup(), check, uniqKey,
                    state, remark), uniqKey);
        }
    }

    public String producerGroup() {
        return core.config().producerGroup();
    }

    public String clientId() {
        return core.runtime().clientId();
    }

    /** The shared runtime, for tests in this package. */
    io.apogee.client.runtime.ClientRuntime runtime() {
        return core.runtime();
    }

    /** Stops answering checks, leaves the cluster and releases the client runtime. Idempotent. */
    @Override
    public void close() {
        checkExecutor.shutdownNow();
        core.close();
    }
}
