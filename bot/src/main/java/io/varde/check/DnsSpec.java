package io.varde.check;

/**
 * A DNS query for {@code host} of {@code queryType} (A, AAAA, CNAME, MX, NS, TXT, SOA, ...),
 * sent to {@code server} ({@code host} or {@code host:port}) or, when that is null, to the
 * resolvers of the machine.
 */
public record DnsSpec(String host, String queryType, String server) implements ProbeSpec {

    @Override
    public CheckKind kind() {
        return CheckKind.DNS;
    }
}
