package io.varde.vantage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.varde.check.CheckResult;
import io.varde.check.ConditionResult;
import io.varde.check.Outcome;
import io.varde.check.ProbeError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A batch of {@link CheckResult}s as compact JSON, sent gzipped ({@code Content-Encoding: gzip}):
 *
 * <pre>{"location": "fra", "sent_at": 1763020800000, "dropped": 0, "results": [
 *   {"t": "borger-dk", "at": 1763020799000, "ms": 87, "o": "OK",
 *    "c": [["[STATUS] == 200", true, "200"]], "ip": "192.0.2.10"},
 *   {"t": "skat-dk", "at": 1763020799500, "ms": 10000, "o": "FAIL",
 *    "e": {"r": "TIMEOUT", "m": "no answer within 10s"}, "c": [["[STATUS] == 200", false, "n/a"]]}]}</pre>
 *
 * {@code e} is absent when the probe completed, {@code ip} when no address was seen, {@code m}
 * (the mitigation signature seen) when none was. Times are epoch milliseconds, {@code ms} the
 * response time in milliseconds: finer parts do not travel. Reading refuses anything malformed
 * (a wrong type, an unknown outcome or error reason, a condition that is not
 * {@code [text, passed, observed]}) with the path of the field; unknown fields are ignored.
 */
public final class ResultWire {

    private static final String OUTCOMES = Arrays.toString(Outcome.values()).replaceAll("[\\[\\]]", "");
    private static final String REASONS = Arrays.toString(ProbeError.Reason.values()).replaceAll("[\\[\\]]", "");

    private ResultWire() {
    }

    /** {@code batch} as JSON. */
    public static byte[] encode(ResultBatch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + batch.results().size() * 160);
        try (JsonGenerator g = WireReader.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("location", batch.location());
            g.writeNumberField("sent_at", batch.sentAt().toEpochMilli());
            g.writeNumberField("dropped", batch.dropped());
            g.writeArrayFieldStart("results");
            for (CheckResult r : batch.results()) {
                write(g, r);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("JSON into memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** {@code batch} as gzipped JSON, the body of a request. */
    public static byte[] encodeGzip(ResultBatch batch) {
        return Gzip.compress(encode(batch));
    }

    private static void write(JsonGenerator g, CheckResult r) throws IOException {
        g.writeStartObject();
        g.writeStringField("t", r.targetId());
        g.writeNumberField("at", r.at().toEpochMilli());
        g.writeNumberField("ms", r.responseTime().toMillis());
        g.writeStringField("o", r.outcome().name());
        if (r.error() != null) {
            g.writeObjectFieldStart("e");
            g.writeStringField("r", r.error().reason().name());
            g.writeStringField("m", r.error().message());
            g.writeEndObject();
        }
        g.writeArrayFieldStart("c");
        for (ConditionResult c : r.conditions()) {
            g.writeStartArray();
            g.writeString(c.condition());
            g.writeBoolean(c.passed());
            g.writeString(c.observed());
            g.writeEndArray();
        }
        g.writeEndArray();
        if (r.ip() != null) {
            g.writeStringField("ip", r.ip());
        }
        if (r.mitigation() != null) {
            g.writeStringField("m", r.mitigation());
        }
        g.writeEndObject();
    }

    /**
     * Reads a batch of at most {@code maxResults} results.
     *
     * @throws WireFormatException naming the first field that is wrong; {@link WireFormatException#tooLarge()}
     *                             when there are more results than {@code maxResults}
     */
    public static ResultBatch decode(byte[] json, int maxResults) throws WireFormatException {
        JsonNode doc = WireReader.object(WireReader.parse(json), "(document)");
        String location = WireReader.name(doc, "location", "");
        Instant sentAt = Instant.ofEpochMilli(WireReader.integer(doc, "sent_at", "", 0, Long.MAX_VALUE / 2));
        int dropped = (int) WireReader.integer(doc, "dropped", "", 0, Integer.MAX_VALUE);
        JsonNode array = WireReader.array(doc, "results", "");
        if (array.size() > maxResults) {
            throw WireFormatException.tooLarge("a batch holds at most " + maxResults + " results, this one "
                    + array.size());
        }
        List<CheckResult> results = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            results.add(read(array.get(i), "results[" + i + "]"));
        }
        return new ResultBatch(location, sentAt, dropped, results);
    }

    private static CheckResult read(JsonNode n, String path) throws WireFormatException {
        WireReader.object(n, path);
        String target = WireReader.name(n, "t", path);
        Instant at = Instant.ofEpochMilli(WireReader.integer(n, "at", path, 0, Long.MAX_VALUE / 2));
        Duration ms = Duration.ofMillis(WireReader.integer(n, "ms", path, 0, Duration.ofDays(1).toMillis()));
        String o = WireReader.text(n, "o", path);
        Outcome outcome = constant(Outcome.class, o, WireReader.at(path, "o"), OUTCOMES);
        ProbeError error = null;
        JsonNode e = n.get("e");
        if (e != null && !e.isNull()) {
            String where = WireReader.at(path, "e");
            WireReader.object(e, where);
            ProbeError.Reason reason = constant(ProbeError.Reason.class, WireReader.text(e, "r", where),
                    WireReader.at(where, "r"), REASONS);
            error = new ProbeError(reason, WireReader.text(e, "m", where));
        }
        JsonNode c = WireReader.array(n, "c", path);
        List<ConditionResult> conditions = new ArrayList<>(c.size());
        for (int i = 0; i < c.size(); i++) {
            String where = WireReader.at(path, "c") + "[" + i + "]";
            JsonNode triple = c.get(i);
            if (!triple.isArray() || triple.size() != 3) {
                throw new WireFormatException(where + ": must be [condition, passed, observed]");
            }
            conditions.add(new ConditionResult(WireReader.text(triple.get(0), where + "[0]"),
                    WireReader.bool(triple.get(1), where + "[1]"), WireReader.text(triple.get(2), where + "[2]")));
        }
        String ip = WireReader.optText(n, "ip", path).orElse(null);
        String mitigation = WireReader.optText(n, "m", path).orElse(null);
        return new CheckResult(target, at, ms, outcome, error, conditions, ip, mitigation);
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String text, String path, String known)
            throws WireFormatException {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(text)) {
                return e;
            }
        }
        throw new WireFormatException(path + ": \"" + WireReader.brief(text) + "\" is not one of " + known);
    }
}
