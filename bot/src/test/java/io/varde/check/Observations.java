package io.varde.check;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds {@link Observation}s for tests: a completed exchange by default, every field settable. */
final class Observations {

    static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    private Duration responseTime = Duration.ofMillis(120);
    private ProbeError error;
    private Integer status;
    private String body;
    private Instant certificateExpiry;
    private Boolean connected = true;
    private String ip = "127.0.0.1";
    private String rcode;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Observations() {
    }

    /** A completed HTTP exchange: 200, 120 ms, connected to 127.0.0.1, no body kept. */
    static Observations http() {
        Observations o = new Observations();
        o.status = 200;
        return o;
    }

    /** A completed TCP connect to 127.0.0.1 in 120 ms. */
    static Observations tcp() {
        return new Observations();
    }

    /** A DNS answer NOERROR with 127.0.0.1. */
    static Observations dns() {
        Observations o = new Observations();
        o.rcode = "NOERROR";
        o.body = "127.0.0.1";
        return o;
    }

    /** A probe refused before anything was seen; took 10 s. */
    static Observation refused() {
        return Observation.failed(T0, Duration.ofSeconds(10),
                new ProbeError(ProbeError.Reason.CONNECT, "connection refused"));
    }

    Observations status(int s) {
        status = s;
        return this;
    }

    Observations body(String b) {
        body = b;
        return this;
    }

    Observations millis(long ms) {
        responseTime = Duration.ofMillis(ms);
        return this;
    }

    Observations certificateLeft(Duration left) {
        certificateExpiry = T0.plus(left);
        return this;
    }

    Observations ip(String address) {
        ip = address;
        return this;
    }

    /** A kept response header; the name as the prober keeps it, lower case. */
    Observations header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Observations rcode(String code) {
        rcode = code;
        return this;
    }

    /** The exchange failed: not connected, the IP (if any) kept. */
    Observations refusedAfterResolving() {
        error = new ProbeError(ProbeError.Reason.CONNECT, "connection refused");
        status = null;
        connected = false;
        return this;
    }

    Observation build() {
        return new Observation(T0, responseTime, error, status, body, certificateExpiry, connected,
                ip, rcode, headers);
    }
}
