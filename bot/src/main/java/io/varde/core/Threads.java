package io.varde.core;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Varde's threads: daemons (a stop never waits on a pool nobody closed), named for thread dumps and logs. */
public final class Threads {

    private Threads() {
    }

    /** Daemon threads named {@code name}, then {@code name-2}, {@code name-3}, ... */
    public static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            int i = n.incrementAndGet();
            Thread t = new Thread(r, i == 1 ? name : name + "-" + i);
            t.setDaemon(true);
            return t;
        };
    }
}
