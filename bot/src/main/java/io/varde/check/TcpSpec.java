package io.varde.check;

/** A TCP connect to {@code host:port}. */
public record TcpSpec(String host, int port) implements ProbeSpec {

    @Override
    public CheckKind kind() {
        return CheckKind.TCP;
    }
}
