package io.apogee.bench;

import io.apogee.namesrv.NamesrvConfig;
import io.apogee.namesrv.NamesrvController;
import io.apogee.remoting.tls.TlsConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;

/** What the benchmark mains share: our name server on loopback, free ports, latency percentiles. */
public final class BenchSupport {
    private BenchSupport() {
    }

    /** Our name server on 127.0.0.1 and a free port, its files in {@code dir}, with the given TLS mode. */
    public static NamesrvController startNamesrv(Path dir, String tlsMode) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("listenPort", "0");
        properties.setProperty("bindAddress", "127.0.0.1");
        properties.setProperty("kvConfigPath", dir.resolve("kvConfig.json").toString());
        properties.setProperty("configStorePath", dir.resolve("namesrv.properties").toString());
        NamesrvConfig config = new NamesrvConfig();
        config.apply(properties);
        Properties tls = new Properties();
        tls.setProperty(TlsConfig.SERVER_MODE, tlsMode);
        NamesrvController controller = new NamesrvController(config, TlsConfig.from(tls));
        controller.start();
        return controller;
    }

    /** A free port P whose neighbours P-2 (the official fast port) and P+1 (HA) are free too. */
    public static int freePortWithNeighbours() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            if (port > 1024 && port < 65534 && free(port - 2) && free(port + 1)) {
                return port;
            }
        }
        throw new IOException("no free port with free neighbours");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first {@code counts[t]} latencies of every thread {@code t}, in one sorted array. */
    public static long[] sortedLatencies(long[][] latencies, int[] counts) {
        int total = 0;
        for (int count : counts) {
            total += count;
        }
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < latencies.length; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return all;
    }

    /** The {@code q} quantile of sorted nanosecond latencies, in milliseconds. */
    public static double percentileMillis(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }
}
