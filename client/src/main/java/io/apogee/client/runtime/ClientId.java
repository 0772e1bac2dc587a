package io.apogee.client.runtime;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * The identity of a client process instance, {@code clientIP@instanceName[@unitName]}
 * (shared/protocol/01-remoting.md section 11.1), and the defaults that go into it. Stateless and
 * thread-safe.
 */
public final class ClientId {
    /** The instance name that producers and clustering consumers replace with {@code pid#nanoTime}. */
    public static final String DEFAULT_INSTANCE_NAME = "DEFAULT";

    private ClientId() {
    }

    public static String of(String clientIp, String instanceName, String unitName) {
        String ip = clientIp.indexOf(':') >= 0 && !clientIp.startsWith("[") ? "[" + clientIp + "]" : clientIp;
        return unitName == null ? ip + "@" + instanceName : ip + "@" + instanceName + "@" + unitName;
    }

    /** {@code rocketmq.client.name}, or {@code DEFAULT}. */
    public static String configuredInstanceName() {
        return System.getProperty("rocketmq.client.name", DEFAULT_INSTANCE_NAME);
    }

    /**
     * The instance name a producer or clustering consumer uses: the configured one, or, while it is
     * still {@code DEFAULT}, {@code pid#nanoTime}, so that two such clients in one JVM do not share an id
     * by accident.
     */
    public static String uniqueInstanceName(String configured) {
        if (!DEFAULT_INSTANCE_NAME.equals(configured)) {
            return configured;
        }
        return ProcessHandle.current().pid() + "#" + System.nanoTime();
    }

    /**
     * The first site-local IPv4 address of an up, non-loopback interface; else any such IPv4, else any
     * IPv6, else the loopback address. Brokers only use it as an opaque label, so a wrong guess costs
     * nothing but readability.
     */
    public static InetAddress localAddress() {
        InetAddress fallback4 = null;
        InetAddress fallback6 = null;
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback() || nif.isVirtual()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nif.getInetAddresses())) {
                    if (address.isLoopbackAddress() || address.isLinkLocalAddress()) {
                        continue;
                    }
                    if (address instanceof Inet4Address) {
                        if (address.isSiteLocalAddress()) {
                            return address;
                        }
                        fallback4 = fallback4 == null ? address : fallback4;
                    } else if (address instanceof Inet6Address) {
                        fallback6 = fallback6 == null ? address : fallback6;
                    }
                }
            }
        } catch (SocketException e) {
            // No interface list: fall through to the loopback address.
        }
        if (fallback4 != null) {
            return fallback4;
        }
        return fallback6 != null ? fallback6 : InetAddress.getLoopbackAddress();
    }
}
