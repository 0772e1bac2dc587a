package io.apogee.client.runtime;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide registry of {@link ClientRuntime}s by client id: clients with the same id share one
 * runtime (one connection set, one heartbeat), as official clients of one instance name do; the
 * runtime closes when its last user releases it. Thread-safe (one lock; acquire and release are rare).
 */
public final class ClientRuntimes {
    private static final Logger LOG = LoggerFactory.getLogger(ClientRuntimes.class);
    private static final Map<String, Entry> RUNTIMES = new HashMap<>();

    private ClientRuntimes() {
    }

    private static final class Entry {
        final ClientRuntime runtime;
        int users;

        Entry(ClientRuntime runtime) {
            this.runtime = runtime;
        }
    }

    /** The running runtime of {@code clientId}, started with {@code settings} if it is the first user. */
    public static synchronized ClientRuntime acquire(ClientSettings settings, String clientId) {
        Entry entry = RUNTIMES.get(clientId);
        if (entry == null) {
            ClientRuntime runtime = new ClientRuntime(settings, clientId);
            try {
                runtime.start();
            } catch (RuntimeException e) {
                runtime.close();
                throw e;
            }
            entry = new Entry(runtime);
            RUNTIMES.put(clientId, entry);
        } else if (!entry.runtime.settings().equals(settings)) {
            // As with official clients of one instance name: the first settings win. Say so, since a
            // different name-server list here is almost certainly a mistake.
            LOG.warn("client {} is already running with {}; ignoring the different settings {}", clientId,
                    entry.runtime.settings(), settings);
        }
        entry.users++;
        return entry.runtime;
    }

    /** Gives up one use; the last one closes the runtime. */
    public static synchronized void release(ClientRuntime runtime) {
        Entry entry = RUNTIMES.get(runtime.clientId());
        if (entry == null || entry.runtime != runtime) {
            return;
        }
        if (--entry.users == 0) {
            RUNTIMES.remove(runtime.clientId());
            runtime.close();
        }
    }
}
