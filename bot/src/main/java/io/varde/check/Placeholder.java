package io.varde.check;

import io.varde.core.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The values a probe reports, named as in Gatus ({@code [STATUS]}, {@code [BODY]}, ...), with
 * the type each yields and the check kinds that produce it.
 */
enum Placeholder {
    STATUS(ValueType.NUMBER),
    RESPONSE_TIME(ValueType.MILLIS),
    BODY(ValueType.TEXT),
    CERTIFICATE_EXPIRATION(ValueType.DURATION),
    CONNECTED(ValueType.BOOL),
    IP(ValueType.TEXT),
    DNS_RCODE(ValueType.RCODE);

    private static final List<Placeholder> HTTP =
            List.of(STATUS, RESPONSE_TIME, BODY, CERTIFICATE_EXPIRATION, CONNECTED, IP);
    private static final List<Placeholder> TCP = List.of(CONNECTED, RESPONSE_TIME, IP);
    private static final List<Placeholder> DNS =
            List.of(DNS_RCODE, BODY, IP, RESPONSE_TIME, CONNECTED);

    private final ValueType type;

    Placeholder(ValueType type) {
        this.type = type;
    }

    ValueType type() {
        return type;
    }

    /** As written in a condition: {@code [STATUS]}. */
    String token() {
        return "[" + name() + "]";
    }

    /** The placeholder named {@code name} (without brackets, any case), or null. */
    static Placeholder named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The placeholders a probe of {@code kind} produces, in documentation order. */
    static List<Placeholder> availableFor(CheckKind kind) {
        return switch (kind) {
            case HTTP -> HTTP;
            case TCP -> TCP;
            case DNS -> DNS;
        };
    }

    /** {@code [CONNECTED], [RESPONSE_TIME], [IP]}: for error messages. */
    static String listFor(CheckKind kind) {
        return availableFor(kind).stream().map(Placeholder::token)
                .collect(Collectors.joining(", "));
    }

    static Set<Placeholder> none() {
        return EnumSet.noneOf(Placeholder.class);
    }

    /** This placeholder's value in {@code ctx}, or a missing value when the probe lacks it. */
    Value read(EvalContext ctx) {
        Observation o = ctx.observation();
        return switch (this) {
            case STATUS -> o.status() == null ? Value.missing(Value.NOT_AVAILABLE)
                    : Value.ofNumber(o.status());
            case RESPONSE_TIME -> o.responseTime() == null ? Value.missing(Value.NOT_AVAILABLE)
                    : millis(o.responseTime());
            case BODY -> ctx.body() == null ? Value.missing(Value.NOT_AVAILABLE)
                    : Value.ofText(ctx.body());
            case CERTIFICATE_EXPIRATION -> certificate(o);
            case CONNECTED -> o.connected() == null ? Value.missing(Value.NOT_AVAILABLE)
                    : Value.ofBoolean(o.connected());
            case IP -> o.ip() == null ? Value.missing(Value.NOT_AVAILABLE) : Value.ofText(o.ip());
            case DNS_RCODE -> o.dnsRcode() == null ? Value.missing(Value.NOT_AVAILABLE)
                    : Value.ofText(o.dnsRcode().toUpperCase(Locale.ROOT));
        };
    }

    /** A response time: compared in milliseconds, shown as {@code 1234ms}. */
    private static Value millis(Duration d) {
        long ms = d.toMillis();
        return new Value(Long.toString(ms), BigDecimal.valueOf(ms), ms + "ms", true);
    }

    /** Time left on the certificate: compared in milliseconds, shown as {@code 29d23h}. */
    private static Value certificate(Observation o) {
        if (o.certificateExpiry() == null || o.startedAt() == null) {
            return Value.missing(Value.NOT_AVAILABLE);
        }
        Duration left = Duration.between(o.startedAt(), o.certificateExpiry());
        String shown = Durations.format(left);
        return new Value(shown, BigDecimal.valueOf(left.toMillis()), shown, true);
    }
}
