package io.apogee.client.target;

import io.apogee.client.ClusterFixture;
import io.apogee.it.support.OfficialBrokerProcess;
import io.apogee.it.support.OfficialNamesrvProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The two clusters client tests run against, each started once per test JVM on first use and
 * stopped when the JVM exits: booting the official brokers takes seconds, and every client test
 * class would otherwise pay for it.
 */
public final class Targets {
    static final String CLUSTER = "DefaultCluster";
    private static final List<String> BROKERS = List.of("broker-a", "broker-b");
    /** Transaction checks every second for half messages older than a second, on both kinds of broker. */
    private static final Map<String, String> BROKER_SETTINGS = Map.of("transactionCheckInterval", "1000",
            "transactionTimeOut", "1000");
    /**
     * The official broker also needs its timer wheel, which the process fixture turns off to save threads:
     * without it, the 5.3.3 broker fails DELETE_TOPIC_IN_BROKER with a NullPointerException.
     */
    private static final Map<String, String> OFFICIAL_SETTINGS = with(BROKER_SETTINGS, "timerWheelEnable", "true");

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> all = new java.util.HashMap<>(base);
        all.put(key, value);
        return Map.copyOf(all);
    }

    private static AdminTarget apogee;
    private static AdminTarget official;

    private Targets() {
    }

    /** Our name server and two brokers, in this JVM. */
    public static synchronized Target apogee() {
        if (apogee == null) {
            apogee = startApogee();
            stopAtExit(apogee);
        }
        return apogee;
    }

    /** The official 5.3.3 name server and two brokers, as child processes. */
    public static synchronized Target official() {
        if (official == null) {
            official = startOfficial();
            stopAtExit(official);
        }
        return official;
    }

    private static AdminTarget startApogee() {
        try {
            Path dir = Files.createTempDirectory("apogee-target-");
            java.util.Properties settings = new java.util.Properties();
            settings.putAll(BROKER_SETTINGS);
            ClusterFixture cluster = new ClusterFixture(dir, settings, BROKERS.toArray(String[]::new));
            Map<String, String> addrs = new LinkedHashMap<>();
            for (String broker : BROKERS) {
                addrs.put(broker, "127.0.0.1:" + cluster.broker(broker).port());
            }
            return new AdminTarget("apogee", cluster.namesrvAddr(), addrs) {
                @Override
                public boolean official() {
                    return false;
                }

                @Override
                void stopDaemons() {
                    cluster.close();
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Apogee target", e);
        }
    }

    private static AdminTarget startOfficial() {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            OfficialNamesrvProcess namesrv = OfficialNamesrvProcess.start();
            started.add(namesrv);
            // The brokers boot in parallel: each takes several seconds, mostly waiting.
            List<CompletableFuture<OfficialBrokerProcess>> boots = new ArrayList<>();
            for (String broker : BROKERS) {
                boots.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return OfficialBrokerProcess.start(CLUSTER, broker, namesrv.address(), OFFICIAL_SETTINGS);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            }
            Map<String, String> addrs = new LinkedHashMap<>();
            RuntimeException failure = null;
            for (CompletableFuture<OfficialBrokerProcess> boot : boots) {
                try {
                    OfficialBrokerProcess broker = boot.join();
                    started.add(broker);
                    addrs.put(broker.brokerName(), broker.address());
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return new AdminTarget("official", namesrv.address(), addrs) {
                @Override
                public boolean official() {
                    return true;
                }

                @Override
                void stopDaemons() {
                    closeAll(started);
                }
            };
        } catch (IOException | RuntimeException e) {
            closeAll(started);
            throw new IllegalStateException("cannot start the official target", e);
        }
    }

    /** Brokers first, then the name server, so that brokers unregister from a live name server. */
    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("target: cannot stop " + started.get(i) + ": " + e);
            }
        }
    }

    private static void stopAtExit(AdminTarget target) {
        Runtime.getRuntime().addShutdownHook(new Thread(target::close, "stop-target-" + target.name()));
    }
}
