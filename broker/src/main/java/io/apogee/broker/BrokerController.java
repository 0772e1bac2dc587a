package io.apogee.broker;

import io.apogee.acl.AclService;
import io.apogee.broker.client.ConsumerManager;
import io.apogee.broker.client.ProducerManager;
import io.apogee.broker.group.SubscriptionGroupManager;
import io.apogee.broker.offset.ConsumerOffsetManager;
import io.apogee.broker.registration.NamesrvRegistrar;
import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.remoting.ConnectionListener;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.netty.NettyRemotingServer;
import io.apogee.remoting.netty.NettyServerConfig;
import io.apogee.remoting.netty.ProcessingExecutors;
import io.apogee.remoting.tls.TlsConfig;
import io.apogee.store.MessageStore;
import io.apogee.store.StoreConfig;
import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's composition root: opens the store, loads topics, groups and offsets, wires the
 * processors, listens, registers with the name servers and runs the periodic tasks; and stops all of
 * it in the right order. Start once, shut down once; thread-safe.
 */
public final class BrokerController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerController.class);
    private static final long CHANNEL_SCAN_INTERVAL_MILLIS = 10_000;

    private final BrokerConfig config;
    private final StoreConfig storeConfig;
    private final TlsConfig tls;
    private final Clock clock;
    private final List<AutoCloseable> services = new ArrayList<>();
    private final ScheduledExecutorService scheduler =
            Executors.newScheduledThreadPool(2, ProcessingExecutors.named("broker-scheduled"));
    private MessageStore store;
    private TopicConfigManager topics;
    private SubscriptionGroupManager groups;
    private ConsumerOffsetManager offsets;
    private ConsumerManager consumers;
    private ProducerManager producers;
    private NettyRemotingServer server;
    private NettyRemotingClient outbound;
    private BrokerExecutors pools;
    private NamesrvRegistrar registrar;
    private BrokerContext context;
    private AclService acl;
    private volatile boolean stopped;

    public BrokerController(BrokerConfig config, StoreConfig storeConfig, TlsConfig tls, Clock clock) {
        this.config = config;
        this.storeConfig = storeConfig;
        this.tls = tls;
        this.clock = clock;
    }

    /**
     * Opens the store, starts listening and registers with the name servers.
     *
     * @throws IOException when the port cannot be bound or TLS material cannot be loaded
     */
    public synchronized void start() throws IOException {
        store = MessageStore.open(storeConfig, clock);
        topics = new TopicConfigManager(config, storeConfig.configDir(), clock);
        groups = new SubscriptionGroupManager(config, storeConfig.configDir(), clock);
        offsets = new ConsumerOffsetManager(storeConfig.configDir(), clock);
        topics.load();
        groups.load();
        offsets.load();
        consumers = new ConsumerManager(clock::millis);
        producers = new ProducerManager(clock::millis);

        server = new NettyRemotingServer(new NettyServerConfig()
                .bindAddress(config.bindAddress())
                .listenPort(config.listenPort())
                .serverWorkerThreads(config.serverWorkerThreads())
                .serverSelectorThreads(config.serverSelectorThreads())
                .serverChannelMaxIdleTimeSeconds(config.serverChannelMaxIdleTimeSeconds())
                .useEpollNativeSelector(config.useEpollNativeSelector())
                .tls(tls));
        server.addConnectionListener(new ConnectionListener() {
            @Override
            public void onClose(String remoteAddress, Channel channel) {
                consumers.channelClosed(channel);
                producers.channelClosed(channel);
            }
        });
        pools = new BrokerExecutors(config);
        // The ACL hook is in place before the port opens: no request is served unchecked.
        acl = new AclService(config.authConfig(storeConfig.configDir()));
        acl.start();
        if (acl.config().anyEnabled()) {
            server.addRpcHook(acl.serverHook());
        }
        // The listening port is known only after binding, and the store host must be known before any
        // message is stored: bind first, then wire processors (no request is served before both).
        server.start();
        int port = server.port();
        String brokerAddr = config.brokerAddr(port);
        InetSocketAddress storeHost = new InetSocketAddress(config.brokerIP1(), port);
        context = new BrokerContext(config, store, topics, groups, offsets, consumers, producers, server, storeHost,
                brokerAddr, clock);
        services.addAll(BrokerProcessors.install(context, pools));
        BrokerProcessors.installAuthAdmin(context, acl, pools);

        outbound = new NettyRemotingClient(new NettyClientConfig().tls(tls).useTLS(tls.clientEnable()));
        if (acl.clientHook() != null) {
            outbound.addRpcHook(acl.clientHook());
        }
        outbound.start();
        registrar = new NamesrvRegistrar(config, topics, outbound, brokerAddr, config.brokerIP1() + ":" + (port + 1));
        topics.addChangeListener(topic -> scheduler.execute(this::registerQuietly));
        registrar.registerAll();
        scheduler.scheduleAtFixedRate(this::registerQuietly, config.registerNameServerPeriod(),
                config.registerNameServerPeriod(), TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(this::persistOffsetsQuietly, config.flushConsumerOffsetInterval(),
                config.flushConsumerOffsetInterval(), TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(this::expireChannels, CHANNEL_SCAN_INTERVAL_MILLIS, CHANNEL_SCAN_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
        LOG.info("broker {} of cluster {} started at {} (name servers: {})", config.brokerName(),
                config.brokerClusterName(), brokerAddr, config.namesrvAddrs());
    }

    private void registerQuietly() {
        if (stopped) {
            return;
        }
        try {
            registrar.registerAll();
        } catch (RuntimeException e) {
            LOG.warn("registration round failed", e);
        }
    }

    private void persistOffsetsQuietly() {
        try {
            offsets.persist();
        } catch (RuntimeException e) {
            LOG.error("could not persist consumer offsets", e);
        }
    }

    private void expireChannels() {
        try {
            for (Channel channel : consumers.removeExpired(config.channelExpiredTimeout())) {
                channel.close();
            }
            for (Channel channel : producers.removeExpired(config.channelExpiredTimeout())) {
                channel.close();
            }
        } catch (RuntimeException e) {
            LOG.warn("client channel scan failed", e);
        }
    }

    /** The port the broker listens on, once started. */
    public int port() {
        return server.port();
    }

    /** The shared state of the running broker (for tests and tools in the same process). */
    public BrokerContext context() {
        return context;
    }

    /**
     * Stops in the order that loses nothing: leave the name servers (clients move away), stop taking
     * requests and finish those in flight, stop the background services, persist offsets and
     * metadata, then flush and close the store.
     */
    public synchronized void shutdown() {
        if (stopped) {
            return;
        }
        stopped = true;
        scheduler.shutdownNow();
        if (registrar != null) {
            registrar.unregisterAll();
        }
        if (pools != null) {
            pools.shutdownGracefully(10_000);
        }
        for (AutoCloseable service : services) {
            try {
                service.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed", service, e);
            }
        }
        if (server != null) {
            server.shutdown();
        }
        if (outbound != null) {
            outbound.shutdown();
        }
        if (offsets != null) {
            offsets.persist();
            topics.persist();
            groups.persist();
        }
        if (store != null) {
            store.close();
        }
        LOG.info("broker {} stopped", config.brokerName());
    }

    @Override
    public void close() {
        shutdown();
    }
}
