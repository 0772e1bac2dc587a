package io.apogee.broker;

import io.apogee.remoting.netty.ProcessingExecutors;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One bounded pool per request family, sized by RocketMQ's settings, so that a flood of one kind of
 * request (pulls, say) never queues in front of another (sends, heartbeats). Thread-safe.
 */
public final class BrokerExecutors {
    private final ThreadPoolExecutor send;
    private final ThreadPoolExecutor pull;
    private final ThreadPoolExecutor query;
    private final ThreadPoolExecutor admin;
    private final ThreadPoolExecutor clientManage;
    private final ThreadPoolExecutor consumerManage;

    BrokerExecutors(BrokerConfig config) {
        send = ProcessingExecutors.bounded("broker-send", config.sendMessageThreadPoolNums(),
                config.sendThreadPoolQueueCapacity());
        pull = ProcessingExecutors.bounded("broker-pull", config.pullMessageThreadPoolNums(),
                config.pullThreadPoolQueueCapacity());
        query = ProcessingExecutors.bounded("broker-query", config.queryMessageThreadPoolNums(),
                config.queryThreadPoolQueueCapacity());
        admin = ProcessingExecutors.bounded("broker-admin", config.adminBrokerThreadPoolNums(),
                config.adminBrokerThreadPoolQueueCapacity());
        clientManage = ProcessingExecutors.bounded("broker-client-manage", config.clientManageThreadPoolNums(),
                config.clientManagerThreadPoolQueueCapacity());
        consumerManage = ProcessingExecutors.bounded("broker-consumer-manage", config.consumerManageThreadPoolNums(),
                config.consumerManagerThreadPoolQueueCapacity());
    }

    public ThreadPoolExecutor send() {
        return send;
    }

    public ThreadPoolExecutor pull() {
        return pull;
    }

    public ThreadPoolExecutor query() {
        return query;
    }

    public ThreadPoolExecutor admin() {
        return admin;
    }

    public ThreadPoolExecutor clientManage() {
        return clientManage;
    }

    public ThreadPoolExecutor consumerManage() {
        return consumerManage;
    }

    /** Stops taking work and waits (bounded) for what is in flight to finish. */
    void shutdownGracefully(long waitMillis) {
        List<ThreadPoolExecutor> all = List.of(send, pull, query, admin, clientManage, consumerManage);
        all.forEach(ThreadPoolExecutor::shutdown);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        for (ThreadPoolExecutor pool : all) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !pool.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pool.shutdownNow();
            }
        }
    }
}
