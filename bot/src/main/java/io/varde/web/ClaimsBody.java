package io.varde.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.varde.intel.ClaimSource;
import io.varde.intel.HostNames;
import io.varde.intel.HostReading;
import io.varde.intel.RawClaim;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the body of {@code POST /api/claims}: one claim object or an array of up to
 * {@value #MAX_CLAIMS}, into {@link RawClaim}s; pure. Strict, because a caller's mistake found
 * now is better than a claim that silently hits nothing: unknown fields, wrong types and host
 * fields that name no host (read exactly as the intake's strict mode reads them, through
 * {@link HostNames}) are refused, each problem naming its field and, in an array, the index
 * ({@code claims[2].hosts[0]: "www trm.dk" is not a host: spaces inside}). Every object is
 * checked before any is accepted. JSON {@code null} in an optional field means "not given".
 */
final class ClaimsBody {

    static final int MAX_CLAIMS = 100;
    static final int MAX_HOSTS = 50;
    static final int MAX_TEXT = 8_000;
    /** Longest actor, source and id. */
    static final int MAX_NAME = 200;
    /** Most paths or links in a claim (each at most {@link JsonFields#MAX_ITEM} characters). */
    static final int MAX_ITEMS = 50;
    static final String DEFAULT_SOURCE = "webhook";
    static final List<String> FIELDS =
            List.of("hosts", "host", "actor", "claimed_at", "source", "id", "paths", "links", "text");
    private static final int MAX_PROBLEMS = 10;

    /**
     * @param claims the claims, in the body's order
     * @param array  true when the body was an array (the reply is then an array too)
     */
    record Parsed(List<RawClaim> claims, boolean array) {
    }

    /** The body is refused; the message lists the problems (the first {@value #MAX_PROBLEMS}). */
    static final class Invalid extends Exception {
        Invalid(List<String> problems) {
            super(String.join("; ", problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS)))
                    + (problems.size() > MAX_PROBLEMS ? "; and " + (problems.size() - MAX_PROBLEMS) + " more" : ""));
        }
    }

    private ClaimsBody() {
    }

    /** Reads {@code body}; each claim is observed at {@code observedAt}. */
    static Parsed read(byte[] body, Instant observedAt) throws Invalid {
        JsonNode root;
        try {
            root = WebJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Invalid(List.of("body is not JSON: " + describe(e)));
        } catch (IOException e) {
            throw new Invalid(List.of("body is not JSON: " + e.getMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw new Invalid(List.of("body is empty: send a claim object or an array of them"));
        }
        List<String> problems = new ArrayList<>();
        if (root.isObject()) {
            RawClaim claim = claim(root, "", observedAt, problems);
            if (!problems.isEmpty()) {
                throw new Invalid(problems);
            }
            return new Parsed(List.of(claim), false);
        }
        if (!root.isArray()) {
            throw new Invalid(List.of("body must be a claim object or an array of them, not " + JsonFields.kind(root)));
        }
        if (root.isEmpty()) {
            throw new Invalid(List.of("empty array: send at least one claim"));
        }
        if (root.size() > MAX_CLAIMS) {
            throw new Invalid(List.of(root.size() + " claims in one request, at most " + MAX_CLAIMS));
        }
        List<RawClaim> claims = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            String where = "claims[" + i + "]";
            JsonNode node = root.get(i);
            if (node.isObject()) {
                claims.add(claim(node, where, observedAt, problems));
            } else {
                problems.add(where + ": must be an object, not " + JsonFields.kind(node));
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return new Parsed(List.copyOf(claims), true);
    }

    /** One claim object; problems are added to {@code problems} (the claim is then not to be used). */
    private static RawClaim claim(JsonNode node, String where, Instant observedAt, List<String> problems) {
        JsonFields f = new JsonFields(node, where, problems);
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                unknown.add(JsonFields.quote(name));
            }
        }
        if (!unknown.isEmpty()) {
            problems.add((where.isEmpty() ? "" : where + ": ") + "unknown field" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " (known: " + String.join(", ", FIELDS) + ")");
        }
        List<String> hosts = hosts(f);
        String source = f.string("source", MAX_NAME);
        if (source != null && source.isBlank()) {
            problems.add(f.name("source") + ": blank; leave it out for \"" + DEFAULT_SOURCE + "\"");
        }
        return new RawClaim(ClaimSource.WEBHOOK, source == null ? DEFAULT_SOURCE : source.strip(),
                f.string("id", MAX_NAME), f.string("actor", MAX_NAME), instant(f), observedAt, hosts,
                f.strings("paths", MAX_ITEMS), f.strings("links", MAX_ITEMS), f.string("text", MAX_TEXT));
    }

    private static List<String> hosts(JsonFields f) {
        boolean many = f.given("hosts");
        boolean one = f.given("host");
        if (many && one) {
            f.problem("hosts", "give either \"hosts\" or \"host\", not both");
            return List.of();
        }
        if (!many && !one) {
            f.problem("hosts", "missing; give \"hosts\" (an array of host names) or \"host\"");
            return List.of();
        }
        if (one) {
            String host = f.string("host", JsonFields.MAX_ITEM);
            if (host == null) {
                return List.of();
            }
            readable(f, "host", host);
            return List.of(host);
        }
        List<String> hosts = f.strings("hosts", MAX_HOSTS);
        JsonNode given = f.node().get("hosts");
        if (!given.isArray()) {
            return hosts;
        }
        if (given.isEmpty()) {
            f.problem("hosts", "empty; give at least one host");
        }
        for (int i = 0; i < given.size(); i++) {
            JsonNode item = given.get(i);
            if (item.isTextual() && JsonFields.textProblem(item.textValue(), JsonFields.MAX_ITEM) == null) {
                readable(f, "hosts[" + i + "]", item.textValue());
            }
        }
        return hosts;
    }

    /**
     * Records a host field that names no host, read as the intake's strict mode reads it. Every
     * host the body passes on must read here, or the intake would refuse a claim the body took.
     */
    private static void readable(JsonFields f, String field, String host) {
        if (HostNames.normalise(host) instanceof HostReading.Refused refused) {
            f.problem(field, JsonFields.quote(host) + " is not a host: " + refused.reason());
        }
    }

    private static Instant instant(JsonFields f) {
        String text = f.string("claimed_at", MAX_NAME);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            f.problem("claimed_at", JsonFields.quote(text) + " is not an ISO-8601 instant such as 2025-11-13T08:00:00Z");
            return null;
        }
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 0 ? first
                : first + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
