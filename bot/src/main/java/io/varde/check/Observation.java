package io.varde.check;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * What one probe saw, before any condition is applied. Fields a probe kind does not produce are
 * null. {@code error} is set when the exchange did not complete; what was seen before the error
 * (say, the resolved IP) is still reported.
 *
 * @param startedAt         when the probe started
 * @param responseTime      from start to the complete answer (or to the error)
 * @param error             null when the exchange completed
 * @param status            HTTP status code
 * @param body              HTTP body (UTF-8, truncated to the prober's cap) when a condition
 *                          needs it or the status may be a mitigation's; for DNS the answer
 *                          records, one per line
 * @param certificateExpiry notAfter of the server's leaf certificate, for HTTPS
 * @param connected         whether a connection was established
 * @param ip                the IP address the probe talked to or DNS answered with
 * @param dnsRcode          DNS response code name: NOERROR, NXDOMAIN, SERVFAIL, REFUSED, ...
 * @param headers           the few HTTP response headers the prober keeps (those that tell a
 *                          CDN or WAF, and those a target's {@link Mitigation} names), names in
 *                          lower case, repeated headers joined by {@code ", "}; empty otherwise
 */
public record Observation(Instant startedAt, Duration responseTime, ProbeError error,
                          Integer status, String body, Instant certificateExpiry,
                          Boolean connected, String ip, String dnsRcode,
                          Map<String, String> headers) {

    public Observation {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** An observation without response headers. */
    public Observation(Instant startedAt, Duration responseTime, ProbeError error,
                       Integer status, String body, Instant certificateExpiry,
                       Boolean connected, String ip, String dnsRcode) {
        this(startedAt, responseTime, error, status, body, certificateExpiry, connected, ip,
                dnsRcode, Map.of());
    }

    /** An observation of a probe that failed with {@code error} and saw nothing else. */
    public static Observation failed(Instant startedAt, Duration responseTime, ProbeError error) {
        return new Observation(startedAt, responseTime, error, null, null, null, false, null, null);
    }

    /** The kept response header {@code name} (any case), or null when absent or not kept. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
