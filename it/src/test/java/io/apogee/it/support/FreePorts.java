package io.apogee.it.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Free TCP ports on the loopback address, for daemons that must be told their port up front. A port
 * found free may be taken by someone else before the daemon binds it; callers retry or fail loudly.
 */
public final class FreePorts {
    private static final int ATTEMPTS = 200;

    private FreePorts() {
    }

    /** A port that is free on 127.0.0.1 right now. */
    public static int one() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on the loopback address", e);
        }
    }

    /**
     * A port {@code p} such that {@code p + offset} is free for every offset given, e.g. {@code -2, 0, 1}
     * for a RocketMQ broker (fast port, listen port, HA port).
     */
    public static int withNeighbours(int... offsets) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int base = one();
            boolean allFree = true;
            for (int offset : offsets) {
                int port = base + offset;
                if (port < 1024 || port > 65535 || !isFree(port)) {
                    allFree = false;
                    break;
                }
            }
            if (allFree) {
                return base;
            }
        }
        throw new IllegalStateException("no free port with free neighbours after " + ATTEMPTS + " attempts");
    }

    /**
     * Whether {@code port} can be bound on the loopback address right now. Without SO_REUSEADDR, Linux
     * refuses that bind also when someone listens on the wildcard address, where the official broker
     * binds its HA port, so this one check covers both.
     */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
