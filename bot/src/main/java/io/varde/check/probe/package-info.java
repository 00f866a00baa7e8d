/**
 * Network adapters for the {@link io.varde.check.Prober} port: {@link io.varde.check.probe.Probers}
 * is the one entry point the application wires; it routes each target by kind to the HTTP(S)
 * prober (java.net.http, a fresh connection per check; Jetty's client for a target with a source
 * address, which the JDK 17 client cannot bind), the TCP connect prober (NIO asynchronous
 * sockets) or the DNS prober (dnsjava). A target's source address binds all three
 * ({@code SourceAddresses}). HTTP checks keep the few response headers that tell a CDN or WAF
 * ({@code KeptHeaders}) and, for a status a challenge page may answer with, the start of the body,
 * for {@link io.varde.check.Mitigation#recognise}. None of them blocks the calling scheduler
 * thread: blocking host-name lookups run on a small lookup pool, network I/O is asynchronous, and
 * a shared timer completes every probe with reason TIMEOUT once the target's timeout has passed.
 * Failures are classified at this edge into {@link io.varde.check.ProbeError.Reason}s, in one
 * place ({@code Failures}).
 */
package io.varde.check.probe;
