package io.apogee.broker;

import io.apogee.broker.processor.BrokerAdminProcessor;
import io.apogee.broker.processor.ConnectionAdminProcessor;
import io.apogee.broker.processor.ConsumerSendBackProcessor;
import io.apogee.broker.processor.GroupAdminProcessor;
import io.apogee.broker.processor.QueryMessageProcessor;
import io.apogee.broker.processor.SendMessageProcessor;
import io.apogee.broker.processor.TopicAdminProcessor;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.netty.NettyRemotingServer;
import io.apogee.remoting.protocol.RequestCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Wires each request family's processor to its codes and pool. One line per family; the processors
 * themselves live in {@code io.apogee.broker.processor}. Returns the background services the
 * families start, for the controller to stop.
 */
final class BrokerProcessors {
    private BrokerProcessors() {
    }

    static List<AutoCloseable> install(BrokerContext context, BrokerExecutors pools) {
        List<AutoCloseable> services = new ArrayList<>();
        installSendQueryAdmin(context, pools);
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

    private static void register(NettyRemotingServer server, RequestProcessor processor, Executor pool, int... codes) {
        for (int code : codes) {
            server.registerProcessor(code, processor, pool);
        }
    }
}
