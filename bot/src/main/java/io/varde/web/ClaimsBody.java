package io.varde.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.varde.intel.ClaimSource;
import io.varde.intel.Claims;
import io.varde.intel.HostNames;
import io.varde.intel.HostReading;
import io.varde.intel.IntelSources;
import io.varde.intel.RawClaim;
import java.io.IOException;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the body of {@code POST /api/claims}: one claim object or an array of up to
 * {@value #MAX_CLAIMS}, into {@link RawClaim}s; pure. Strict, because a caller's mistake found
 * now is better than a claim that silently hits nothing: unknown fields, wrong types and host
 * fields that name no host (read exactly as the intake's strict mode reads them, through
 * {@link HostNames}) are refused, each problem naming its field and, in an array, the index
 * ({@code claims[2].hosts[0]: "www trm.dk" is not a host: spaces inside}), and so is a
 * {@code claimed_at} more than {@link #MAX_AHEAD} after or {@link #MAX_AGE} before the time the
 * claim is received. Every object is checked before any is accepted. JSON {@code null} in an
 * optional field means "not given".
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
    /**
     * How far after its receipt a claim's {@code claimed_at} may lie: the clock skew between a
     * sender and Varde, nothing more (a claim is not made in the future).
     */
    static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    /**
     * How far before its receipt a claim's {@code claimed_at} may lie: as far back as anyone can
     * list claims ({@code claims 30d}, {@code GET /api/claims?since=30d}); correlation windows are
     * at most 7 days, so an older claim could only be recorded, and is far more often a wrong
     * date (a year 0, a day and month swapped) than news.
     */
    static final Duration MAX_AGE = Claims.LOOK_BACK;
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

    /**
     * Reads {@code body}; each claim is observed at {@code observedAt}, the time it was
     * received, which also bounds its {@code claimed_at}.
     */
    static Parsed read(byte[] body, Instant observedAt, Reserved reserved) throws Invalid {
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
            RawClaim claim = claim(root, "", observedAt, reserved, problems);
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
                claims.add(claim(node, where, observedAt, reserved, problems));
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
    private static RawClaim claim(JsonNode node, String where, Instant observedAt, Reserved reserved,
                                  List<String> problems) {
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
        String source = source(f, reserved);
        return new RawClaim(ClaimSource.WEBHOOK, source,
                f.string("id", MAX_NAME), f.string("actor", MAX_NAME), instant(f, observedAt), observedAt, hosts,
                f.strings("paths", MAX_ITEMS), f.strings("links", MAX_ITEMS), f.string("text", MAX_TEXT));
    }

    /**
     * The source names a caller may not take, because Varde's own sources are stored under them:
     * the words of the built-in kinds except {@code webhook} ({@code task-list}, {@code feed},
     * {@code manual}), {@code varde}, the names of the polled sources in {@code rules/intel.yaml},
     * and the names chat claims are stored under, {@code alice (slack)} (a user and a platform,
     * {@link io.varde.incident.Actor#describe()}). A caller with such a name could pass for that
     * source, and pre-empt its claims: a claim is stored once per source name and id, so a
     * webhook claim under {@code ddosia} with the id of the next task list would make that list's
     * claim a duplicate. Compared ignoring case, surrounding space and compatibility forms
     * (NFKC: a full-width {@code ｄｄｏｓｉａ} is {@code ddosia}). {@code webhook}, the default,
     * may be given: in any case it reads as the default.
     *
     * @param polled the names of the polled sources, in file order
     */
    record Reserved(List<String> polled) {

        /** No polled sources: the built-in names only. */
        static final Reserved BUILT_IN = new Reserved(List.of());

        /** The words of the built-in kinds a caller may not take, then Varde itself. */
        static final List<String> OWN = Stream.concat(Arrays.stream(ClaimSource.values())
                .filter(s -> s != ClaimSource.WEBHOOK).map(ClaimSource::word), Stream.of("varde")).toList();
        /** The platforms whose users' claims are stored as {@code name (platform)}. */
        static final List<String> CHAT = List.of("slack", "discord", "cli");
        private static final Pattern CHAT_NAME = Pattern.compile(".*\\(\\s*(?:" + String.join("|", CHAT) + ")\\s*\\)");

        Reserved {
            polled = List.copyOf(polled);
        }

        /** The reserved names of {@code sources}' polled sources and the built-in ones. */
        static Reserved of(IntelSources sources) {
            return new Reserved(sources.names());
        }

        /** True when {@code name} (stripped) is reserved. */
        boolean reserved(String name) {
            String key = key(name);
            return OWN.contains(key) || polled.stream().map(Reserved::key).anyMatch(key::equals)
                    || CHAT_NAME.matcher(key).matches();
        }

        /** The reserved names in words, for the refusal. */
        String describe() {
            List<String> names = new ArrayList<>(OWN);
            polled.stream().filter(n -> !names.contains(key(n))).forEach(names::add);
            return String.join(", ", names) + ", and any name ending in "
                    + CHAT.stream().map(p -> "(" + p + ")").collect(Collectors.joining(", ")) + " (chat claims)";
        }

        static String key(String name) {
            return Normalizer.normalize(name.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The {@code source} field stripped, or {@link #DEFAULT_SOURCE} when not given (or given as
     * it, in any case); refused when blank, holding a control or format character (a newline,
     * a zero-width space: they hide what the name looks like) or reserved.
     */
    private static String source(JsonFields f, Reserved reserved) {
        String source = f.string("source", MAX_NAME);
        if (source == null) {
            return DEFAULT_SOURCE;
        }
        if (source.isBlank()) {
            f.problem("source", "blank; leave it out for \"" + DEFAULT_SOURCE + "\"");
            return DEFAULT_SOURCE;
        }
        String name = source.strip();
        for (int i = 0, n = 1; i < name.length(); i += Character.charCount(name.codePointAt(i)), n++) {
            int c = name.codePointAt(i);
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT) {
                f.problem("source", JsonFields.quote(source) + " holds a control or format character ("
                        + JsonFields.codePoint(c) + " at character " + n + ")");
                return DEFAULT_SOURCE;
            }
        }
        if (Reserved.key(name).equals(DEFAULT_SOURCE)) {
            return DEFAULT_SOURCE;
        }
        if (reserved.reserved(name)) {
            f.problem("source", JsonFields.quote(source) + " is the name of one of Varde's own sources; reserved: "
                    + reserved.describe() + ". Leave source out for \"" + DEFAULT_SOURCE + "\"");
            return DEFAULT_SOURCE;
        }
        return name;
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
        for (int i = 0; i < Math.min(given.size(), MAX_HOSTS); i++) {
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

    /**
     * {@code claimed_at}, within {@link #MAX_AHEAD} after and {@link #MAX_AGE} before
     * {@code receivedAt}, or null when not given or refused (then recorded).
     */
    private static Instant instant(JsonFields f, Instant receivedAt) {
        String text = f.string("claimed_at", MAX_NAME);
        if (text == null) {
            return null;
        }
        Instant at;
        try {
            at = Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            f.problem("claimed_at", JsonFields.quote(text) + " is not an ISO-8601 instant such as 2025-11-13T08:00:00Z");
            return null;
        }
        if (at.isAfter(receivedAt.plus(MAX_AHEAD))) {
            f.problem("claimed_at", JsonFields.quote(text) + " is more than " + MAX_AHEAD.toMinutes()
                    + " minutes after the claim was received (" + receivedAt + "); check the sender's clock");
            return null;
        }
        if (at.isBefore(receivedAt.minus(MAX_AGE))) {
            f.problem("claimed_at", JsonFields.quote(text) + " is more than " + MAX_AGE.toDays()
                    + " days before the claim was received (" + receivedAt + "); older claims are not taken");
            return null;
        }
        return at;
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
