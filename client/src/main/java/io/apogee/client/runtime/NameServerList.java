package io.apogee.client.runtime;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The name servers of a client and which one is in use: one at a time, starting at a random one so
 * that clients spread over them, and moving to the next only when the current one cannot be reached
 * (shared/protocol/02-namesrv.md section 10). Thread-safe: the index is atomic and a move is a
 * compare-and-set, so concurrent failures on the same server move on once, not once per caller.
 */
public final class NameServerList {
    private final List<String> addresses;
    private final AtomicInteger current;

    public NameServerList(List<String> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("at least one name server is needed");
        }
        this.addresses = List.copyOf(addresses);
        this.current = new AtomicInteger(ThreadLocalRandom.current().nextInt(addresses.size()));
    }

    /** The name server to call now. */
    public String current() {
        return addresses.get(Math.floorMod(current.get(), addresses.size()));
    }

    /** Moves past {@code failed} if it is still the current one; returns the one to use next. */
    public String moveOn(String failed) {
        int index = current.get();
        if (addresses.get(Math.floorMod(index, addresses.size())).equals(failed)) {
            current.compareAndSet(index, index + 1);
        }
        return current();
    }

    public int size() {
        return addresses.size();
    }

    public List<String> all() {
        return addresses;
    }
}
