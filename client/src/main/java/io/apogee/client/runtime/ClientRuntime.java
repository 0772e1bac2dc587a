package io.apogee.client.runtime;

import io.apogee.common.message.UniqueKeyGenerator;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.body.ConsumerData;
import io.apogee.remoting.protocol.body.HeartbeatData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the producers and consumers of one client id share: one connection set, the routes,
 * the name-server fail-over, the heartbeats and the processor of broker-to-client requests. Routes of
 * every member's topics are polled every {@code pollNameServerInterval} (first after 10 ms) and all
 * brokers heartbeated every {@code heartbeatBrokerInterval} (first after 1 s) and whenever a route
 * brings a new broker. Obtained from {@link ClientRuntimes}, which closes it with its last member.
 * Thread-safe; the timer work runs on one daemon thread of its own, never on a Netty thread.
 */
public final class ClientRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientRuntime.class);

    private final ClientSettings settings;
    private final String clientId;
    private final NettyRemotingClient remoting;
    private final NameServerList nameServers;
    private final RouteService routes;
    private final HeartbeatService heartbeats;
    private final UniqueKeyGenerator uniqueKeys;
    private final ConcurrentMap<String, ProducerMember> producers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConsumerMember> consumers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private volatile boolean closed;

    ClientRuntime(ClientSettings settings, String clientId) {
        this.settings = settings;
        this.clientId = clientId;
        this.remoting = RemotingClients.create(settings);
        this.nameServers = new NameServerList(settings.namesrvAddrs());
        this.routes = new RouteService(new NameServerApi(remoting, nameServers, settings.mqClientApiTimeoutMillis()));
        this.heartbeats = new HeartbeatService(remoting, clientId, settings.mqClientApiTimeoutMillis());
        this.uniqueKeys = new UniqueKeyGenerator(address(settings.clientIp()), Clock.systemDefaultZone());
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "apogee-client-timer-" + clientId);
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        remoting.registerProcessor(RequestCode.CHECK_TRANSACTION_STATE, new TransactionCheckProcessor(producers::get),
                null);
        remoting.registerProcessor(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED,
                new ConsumerIdsChangedProcessor(consumers::get), null);
        try {
            remoting.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the remoting client", e);
        }
        Set<String> knownBrokers = ConcurrentHashMap.newKeySet();
        routes.addRouteListener((topic, route) -> {
            // A broker we have not told about our groups yet: tell it now, not in up to 30 s (a
            // transaction check needs the broker to know this producer).
            boolean fresh = false;
            for (var broker : route.brokerDatas()) {
                fresh |= knownBrokers.add(broker.brokerName());
            }
            if (fresh && !closed) {
                timer.execute(this::heartbeatQuietly);
            }
        });
        timer.scheduleWithFixedDelay(this::refreshRoutesQuietly, 10, settings.pollNameServerIntervalMillis(),
                TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::heartbeatQuietly, 1000, settings.heartbeatBrokerIntervalMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("client {} started (name servers {})", clientId, settings.namesrvAddrs());
    }

    public String clientId() {
        return clientId;
    }

    public ClientSettings settings() {
        return settings;
    }

    public NettyRemotingClient remoting() {
        return remoting;
    }

    public RouteService routes() {
        return routes;
    }

    public UniqueKeyGenerator uniqueKeys() {
        return uniqueKeys;
    }

    /**
     * @throws IllegalStateException when this client already has a producer of that group
     */
    public void registerProducer(ProducerMember member) {
        if (producers.putIfAbsent(member.group(), member) != null) {
            throw new IllegalStateException("the producer group " + member.group() + " already has a producer in client "
                    + clientId + "; use another group or instanceName");
        }
    }

    /** Removes the producer and tells the brokers; waits at most the API time-out for their answers. */
    public void unregisterProducer(String group) {
        if (producers.remove(group) == null || closed) {
            return;
        }
        try {
            heartbeats.unregister(routes.table().brokerAddrs(true), group, null)
                    .get(settings.mqClientApiTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("unregister of producer group {} did not complete: {}", group, e.toString());
        }
    }

    /**
     * @throws IllegalStateException when this client already has a consumer of that group
     */
    public void registerConsumer(ConsumerMember member) {
        if (consumers.putIfAbsent(member.group(), member) != null) {
            throw new IllegalStateException("the consumer group " + member.group() + " already has a consumer in client "
                    + clientId + "; use another group or instanceName");
        }
    }

    /** Removes the consumer and tells every broker; waits at most the API time-out for their answers. */
    public void unregisterConsumer(String group) {
        if (consumers.remove(group) == null || closed) {
            return;
        }
        try {
            heartbeats.unregister(routes.table().brokerAddrs(false), null, group)
                    .get(settings.mqClientApiTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("unregister of consumer group {} did not complete: {}", group, e.toString());
        }
    }

    /** Heartbeats every broker now: masters only while this client has no consumers, every node otherwise. */
    public CompletableFuture<Void> heartbeatNow() {
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        return heartbeats.beat(routes.table().brokerAddrs(consumers.isEmpty()), this::heartbeatData);
    }

    HeartbeatData heartbeatData() {
        Set<ConsumerData> consumerData = new HashSet<>();
        for (ConsumerMember member : consumers.values()) {
            consumerData.add(member.consumerData());
        }
        return heartbeats.heartbeatData(Set.copyOf(producers.keySet()), consumerData);
    }

    /** Refreshes the route of every topic a member uses, then forgets brokers no route mentions. */
    public CompletableFuture<Void> refreshRoutesNow() {
        Set<String> topics = new HashSet<>();
        for (ProducerMember member : producers.values()) {
            topics.addAll(member.publishedTopics());
        }
        Set<String> subscribed = new HashSet<>();
        for (ConsumerMember member : consumers.values()) {
            subscribed.addAll(member.subscribedTopics());
        }
        subscribed.removeAll(topics);
        CompletableFuture<?>[] calls = java.util.stream.Stream.concat(
                topics.stream().map(topic -> quietly(topic, routes.refresh(topic, true))),
                subscribed.stream().map(topic -> quietly(topic, routes.refresh(topic, false))))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(calls).thenRun(() -> routes.table().forgetStaleBrokers());
    }

    private static CompletableFuture<Void> quietly(String topic, CompletableFuture<?> refresh) {
        return refresh.handle((route, failure) -> {
            // A retry topic is created by the broker on the first heartbeat: not finding it before is normal.
            if (failure != null && !topic.startsWith("%RETRY%")) {
                LOG.warn("route refresh of topic {} failed: {}", topic, failure.toString());
            }
            return null;
        });
    }

    private void refreshRoutesQuietly() {
        try {
            refreshRoutesNow().get(settings.mqClientApiTimeoutMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("route refresh round failed: {}", e.toString());
        }
    }

    private void heartbeatQuietly() {
        try {
            heartbeatNow().get(settings.mqClientApiTimeoutMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("heartbeat round failed: {}", e.toString());
        }
    }

    /** Stops the timer and closes every connection. Called by {@link ClientRuntimes}. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        remoting.shutdown();
        LOG.info("client {} closed", clientId);
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip.startsWith("[") ? ip.substring(1, ip.length() - 1) : ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("clientIP is not an address, clientIP=" + ip, e);
        }
    }
}
