package io.apogee.broker;

import io.apogee.acl.AclService;
import io.apogee.acl.admin.AuthAdminProcessor;
import io.apogee.broker.client.ConsumerIdsChangeNotifier;
import io.apogee.broker.lock.QueueLockTable;
import io.apogee.broker.longpolling.PullRequestHoldService;
import io.apogee.broker.processor.BrokerAdminProcessor;
import io.apogee.broker.processor.ClientManageProcessor;
import io.apogee.broker.processor.ConnectionAdminProcessor;
import io.apogee.broker.processor.ConsumerManageProcessor;
import io.apogee.broker.processor.ConsumerSendBackProcessor;
import io.apogee.broker.processor.GroupAdminProcessor;
import io.apogee.broker.processor.PullMessageProcessor;
import io.apogee.broker.processor.QueryMessageProcessor;
import io.apogee.broker.processor.QueueOffsetProcessor;
import io.apogee.broker.processor.SendMessageProcessor;
import io.apogee.broker.processor.TopicAdminProcessor;
import io.apogee.broker.schedule.ScheduleDeliveryService;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.transaction.EndTransactionProcessor;
import io.apogee.broker.transaction.TransactionCheckService;
import io.apogee.broker.transaction.TransactionOpLog;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.netty.NettyRemotingServer;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.store.StoreConfig;
import io.apogee.store.dispatch.DelayLevels;
import io.apogee.store.metadata.DelayOffsetFile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Wires each request family's processor to its codes and pool. One line per family; the processors
 * themselves live in {@code io.apogee.broker.processor}. Returns the background services the
 * families start, for the controller to stop.
 */
final class BrokerProcessors {
    /** How often parked pulls are checked for their deadline. */
    private static final long PULL_HOLD_SCAN_MILLIS = 100;

    private BrokerProcessors() {
    }

    static List<AutoCloseable> install(BrokerContext context, BrokerExecutors pools) {
        List<AutoCloseable> services = new ArrayList<>();
        installSendQueryAdmin(context, pools);
        services.add(installConsume(context, pools));
        services.addAll(installScheduleAndTransactions(context, pools));
        return services;
    }

    /** Send (10, 310, 320, 36), query (12, 33) and the admin families. */
    private static void installSendQueryAdmin(BrokerContext context, BrokerExecutors pools) {
        NettyRemotingServer server = context.server();
        BrokerStats stats = new BrokerStats(context.clock().millis());
        register(server, new SendMessageProcessor(context, stats), pools.send(), RequestCode.SEND_MESSAGE,
                RequestCode.SEND_MESSAGE_V2, RequestCode.SEND_BATCH_MESSAGE);
        server.registerProcessor(RequestCode.CONSUMER_SEND_MSG_BACK, new ConsumerSendBackProcessor(context, stats),
                pools.send());
        QueryMessageProcessor query = new QueryMessageProcessor(context);
        server.registerProcessor(RequestCode.QUERY_MESSAGE, query, pools.query());
        server.registerProcessor(RequestCode.VIEW_MESSAGE_BY_ID, query, pools.query());
        register(server, new TopicAdminProcessor(context), pools.admin(), RequestCode.UPDATE_AND_CREATE_TOPIC,
                RequestCode.UPDATE_AND_CREATE_TOPIC_LIST, RequestCode.DELETE_TOPIC_IN_BROKER,
                RequestCode.GET_ALL_TOPIC_CONFIG, RequestCode.GET_TOPIC_CONFIG, RequestCode.GET_TOPIC_STATS_INFO,
                RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER, RequestCode.QUERY_TOPIC_CONSUME_BY_WHO);
        register(server, new GroupAdminProcessor(context), pools.admin(),
                RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, RequestCode.DELETE_SUBSCRIPTIONGROUP,
                RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG,
                RequestCode.GET_CONSUME_STATS, RequestCode.QUERY_TOPICS_BY_CONSUMER,
                RequestCode.QUERY_SUBSCRIPTION_BY_CONSUMER, RequestCode.INVOKE_BROKER_TO_RESET_OFFSET);
        register(server, new ConnectionAdminProcessor(context), pools.admin(),
                RequestCode.GET_CONSUMER_CONNECTION_LIST, RequestCode.GET_PRODUCER_CONNECTION_LIST);
        register(server, new BrokerAdminProcessor(context, pools, stats), pools.admin(),
                RequestCode.GET_BROKER_RUNTIME_INFO, RequestCode.GET_BROKER_CONFIG, RequestCode.UPDATE_BROKER_CONFIG);
    }

    /**
     * Client management (34, 35, 46), consumer management and offsets (38, 14, 15, 41, 42, 29-32) and
     * pulls (11, 361); returns the long-polling service, which answers parked pulls when closed.
     */
    private static AutoCloseable installConsume(BrokerContext context, BrokerExecutors pools) {
        NettyRemotingServer server = context.server();
        context.consumers().addGroupChangeListener(new ConsumerIdsChangeNotifier(context.groups(),
                server::invokeOneway, pools.clientManage()));
        register(server, new ClientManageProcessor(context), pools.clientManage(), RequestCode.HEART_BEAT,
                RequestCode.UNREGISTER_CLIENT, RequestCode.CHECK_CLIENT_CONFIG);
        QueueLockTable locks = new QueueLockTable(context.clock()::millis, QueueLockTable.DEFAULT_LOCK_MAX_LIVE_MILLIS);
        register(server, new ConsumerManageProcessor(context, locks), pools.consumerManage(),
                RequestCode.GET_CONSUMER_LIST_BY_GROUP, RequestCode.QUERY_CONSUMER_OFFSET,
                RequestCode.UPDATE_CONSUMER_OFFSET, RequestCode.LOCK_BATCH_MQ, RequestCode.UNLOCK_BATCH_MQ);
        register(server, new QueueOffsetProcessor(context.store()), pools.consumerManage(),
                RequestCode.GET_MAX_OFFSET, RequestCode.GET_MIN_OFFSET, RequestCode.SEARCH_OFFSET_BY_TIMESTAMP,
                RequestCode.GET_EARLIEST_MSG_STORETIME);
        PullMessageProcessor pull = new PullMessageProcessor(context);
        PullRequestHoldService holds = new PullRequestHoldService(pull, pools.pull(), context.clock()::millis,
                context.store()::maxOffsetInQueue, PULL_HOLD_SCAN_MILLIS);
        context.store().addArrivalListener(holds);
        pull.holdWith(holds);
        register(server, pull, pools.pull(), RequestCode.PULL_MESSAGE, RequestCode.LITE_PULL_MESSAGE);
        return holds;
    }

    /**
     * Delay-level delivery, and transactions: END_TRANSACTION (37) and the check-back service; returns
     * both services, started.
     */
    private static List<AutoCloseable> installScheduleAndTransactions(BrokerContext context, BrokerExecutors pools) {
        StoreConfig storeConfig = context.store().config();
        DelayLevels levels = DelayLevels.parse(storeConfig.messageDelayLevel());
        ScheduleDeliveryService delivery = new ScheduleDeliveryService(context.store(),
                new DelayOffsetFile(storeConfig.configDir(), context.clock()), levels, context.clock(),
                context.config().flushDelayOffsetInterval());
        delivery.start();
        TransactionOpLog ops = new TransactionOpLog(context.store(), context.storeHost(), context.clock());
        ops.load();
        context.server().registerProcessor(RequestCode.END_TRANSACTION,
                new EndTransactionProcessor(context, ops, levels.maxLevel()), pools.send());
        TransactionCheckService checks = new TransactionCheckService(context, ops);
        checks.start();
        return List.of(checks, delivery);
    }

    /** Users and ACLs (3001-3010), on the admin pool. */
    static void installAuthAdmin(BrokerContext context, AclService acl, BrokerExecutors pools) {
        register(context.server(), acl.adminProcessor(), pools.admin(), AuthAdminProcessor.codes());
    }

    private static void register(NettyRemotingServer server, RequestProcessor processor, Executor pool, int... codes) {
        for (int code : codes) {
            server.registerProcessor(code, processor, pool);
        }
    }
}
