package io.apogee.namesrv;

import io.apogee.acl.AclService;
import io.apogee.acl.admin.AuthAdminProcessor;
import io.apogee.namesrv.kv.KvConfigStore;
import io.apogee.namesrv.processor.BrokerRegistrationProcessor;
import io.apogee.namesrv.processor.KvConfigProcessor;
import io.apogee.namesrv.processor.NamesrvConfigProcessor;
import io.apogee.namesrv.processor.RouteQueryProcessor;
import io.apogee.namesrv.processor.TopicAdminProcessor;
import io.apogee.namesrv.route.RouteTable;
import io.apogee.remoting.ConnectionListener;
import io.apogee.remoting.netty.NettyRemotingServer;
import io.apogee.remoting.netty.NettyServerConfig;
import io.apogee.remoting.netty.ProcessingExecutors;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.tls.TlsConfig;
import io.netty.channel.Channel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The name server's composition root: builds the route table, the KV store, the processors and the
 * remoting server, and runs the liveness scan. Start once, shut down once; thread-safe.
 */
public final class NamesrvController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NamesrvController.class);

    private final NamesrvConfig config;
    private final RouteTable routes;
    private final KvConfigStore kv;
    private final NettyRemotingServer server;
    private final ThreadPoolExecutor clientRequests;
    private final ThreadPoolExecutor adminRequests;
    private final ScheduledExecutorService scanner;
    private final long startedAtMillis = System.currentTimeMillis();
    private final AclService acl;

    public NamesrvController(NamesrvConfig config, TlsConfig tls) {
        this.config = config;
        this.routes = new RouteTable(System::currentTimeMillis, config.supportActingMaster(),
                config.deleteTopicWithBrokerRegistration());
        this.kv = new KvConfigStore(Path.of(config.kvConfigPath()));
        this.acl = new AclService(config.authConfig());
        this.server = new NettyRemotingServer(new NettyServerConfig()
                .bindAddress(config.bindAddress())
                .listenPort(config.listenPort())
                .serverWorkerThreads(config.serverWorkerThreads())
                .serverSelectorThreads(config.serverSelectorThreads())
                .serverChannelMaxIdleTimeSeconds(config.serverChannelMaxIdleTimeSeconds())
                .useEpollNativeSelector(config.useEpollNativeSelector())
                .serverCallbackExecutorThreads(config.serverCallbackExecutorThreads())
                .serverOnewaySemaphoreValue(config.serverOnewaySemaphoreValue())
                .serverAsyncSemaphoreValue(config.serverAsyncSemaphoreValue())
                .serverSocketBacklog(config.serverSocketBacklog())
                .tls(tls));
        // Clients' route lookups get their own pool, so that a storm of registrations or admin
        // calls never queues in front of them.
        this.clientRequests = ProcessingExecutors.bounded("namesrv-client-request",
                config.clientRequestThreadPoolNums(), config.clientRequestThreadPoolQueueCapacity());
        this.adminRequests = ProcessingExecutors.bounded("namesrv-default",
                config.defaultThreadPoolNums(), config.defaultThreadPoolQueueCapacity());
        this.scanner = Executors.newSingleThreadScheduledExecutor(ProcessingExecutors.named("namesrv-scan"));
    }

    /**
     * Loads the KV store, binds the port and starts the liveness scan.
     *
     * @throws IOException when the KV file is unreadable or the port cannot be bound
     */
    public void start() throws IOException {
        kv.load();
        startAcl();
        RouteQueryProcessor routeQueries = new RouteQueryProcessor(routes, kv, new RouteQueryProcessor.Switches(
                config::orderMessageEnable, config::enableAllTopicList, config::enableTopicList, this::serving));
        server.registerProcessor(RequestCode.GET_ROUTEINFO_BY_TOPIC, routeQueries, clientRequests);
        for (int code : new int[] {RequestCode.GET_BROKER_CLUSTER_INFO, RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER,
                RequestCode.GET_TOPICS_BY_CLUSTER, RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS, RequestCode.GET_UNIT_TOPIC_LIST,
                RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST, RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST,
                RequestCode.GET_BROKER_MEMBER_GROUP}) {
            server.registerProcessor(code, routeQueries, adminRequests);
        }
        BrokerRegistrationProcessor registrations = new BrokerRegistrationProcessor(routes, kv,
                config::returnOrderTopicConfigToBroker);
        for (int code : new int[] {RequestCode.REGISTER_BROKER, RequestCode.UNREGISTER_BROKER,
                RequestCode.QUERY_DATA_VERSION, RequestCode.BROKER_HEARTBEAT}) {
            server.registerProcessor(code, registrations, adminRequests);
        }
        TopicAdminProcessor topicAdmin = new TopicAdminProcessor(routes);
        for (int code : new int[] {RequestCode.DELETE_TOPIC_IN_NAMESRV, RequestCode.REGISTER_TOPIC_IN_NAMESRV,
                RequestCode.WIPE_WRITE_PERM_OF_BROKER, RequestCode.ADD_WRITE_PERM_OF_BROKER}) {
            server.registerProcessor(code, topicAdmin, adminRequests);
        }
        KvConfigProcessor kvConfig = new KvConfigProcessor(kv);
        for (int code : new int[] {RequestCode.PUT_KV_CONFIG, RequestCode.GET_KV_CONFIG, RequestCode.DELETE_KV_CONFIG,
                RequestCode.GET_KVLIST_BY_NAMESPACE}) {
            server.registerProcessor(code, kvConfig, adminRequests);
        }
        NamesrvConfigProcessor namesrvConfig = new NamesrvConfigProcessor(config);
        server.registerProcessor(RequestCode.GET_NAMESRV_CONFIG, namesrvConfig, adminRequests);
        server.registerProcessor(RequestCode.UPDATE_NAMESRV_CONFIG, namesrvConfig, adminRequests);

        server.addConnectionListener(new ConnectionListener() {
            @Override
            public void onClose(String remoteAddress, Channel channel) {
                routes.unregisterChannel(channel);
            }
        });
        server.start();
        scanner.scheduleWithFixedDelay(this::expireBrokers, 5, config.scanNotActiveBrokerInterval(), TimeUnit.MILLISECONDS);
        LOG.info("name server started on port {}", server.port());
    }

    /**
     * Opt-in ACL (RocketMQ's name server checks nothing): when on, every request is authenticated and
     * authorised as on the broker, so that no anonymous host can register a broker, delete a route or
     * read the cluster's topology. Users and ACLs are the name server's own, managed with the same
     * admin codes (mqadmin createUser/createAcl -b pointed at the name server).
     */
    private void startAcl() throws IOException {
        acl.start();
        if (acl.config().anyEnabled()) {
            server.addRpcHook(acl.serverHook());
        }
        for (int code : AuthAdminProcessor.codes()) {
            server.registerProcessor(code, acl.adminProcessor(), adminRequests);
        }
    }

    private void expireBrokers() {
        try {
            for (Channel channel : routes.expire()) {
                channel.close();
            }
        } catch (RuntimeException e) {
            LOG.error("broker liveness scan failed", e);
        }
    }

    private boolean serving() {
        return !config.needWaitForService()
                || System.currentTimeMillis() - startedAtMillis >= config.waitSecondsForService() * 1000L;
    }

    public int port() {
        return server.port();
    }

    public RouteTable routes() {
        return routes;
    }

    public void shutdown() {
        scanner.shutdownNow();
        server.shutdown();
        clientRequests.shutdownNow();
        adminRequests.shutdownNow();
        LOG.info("name server stopped");
    }

    @Override
    public void close() {
        shutdown();
    }
}
