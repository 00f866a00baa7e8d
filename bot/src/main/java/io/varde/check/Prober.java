package io.varde.check;

import java.util.concurrent.CompletableFuture;

/**
 * The port through which checks reach the network. Implementations live in
 * {@code io.varde.check.probe}.
 */
public interface Prober {

    /**
     * Starts probing {@code target} and returns at once; the calling thread is never blocked on
     * the network. The future completes normally, with any failure described in
     * {@link Observation#error()}, no later than about {@link Target#timeout()} after the call.
     */
    CompletableFuture<Observation> probe(Target target);
}
