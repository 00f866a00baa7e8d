package io.varde.check;

/** What to probe: one record per {@link CheckKind}. */
public sealed interface ProbeSpec permits HttpSpec, TcpSpec, DnsSpec {

    CheckKind kind();

    /** The host this probe talks to; used for the per-host concurrency cap. */
    String host();
}
