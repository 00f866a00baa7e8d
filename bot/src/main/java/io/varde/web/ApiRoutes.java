package io.varde.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.varde.core.Durations;
import io.varde.detect.CheckHistory;
import io.varde.detect.TargetReport;
import io.varde.detect.TargetState;
import io.varde.incident.Incident;
import io.varde.intel.Claims;
import io.varde.intel.IntelIntake;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read-only JSON API: {@code GET /api/targets}, {@code /api/targets/{id}},
 * {@code /api/incidents}, {@code /api/incidents/{id}} and {@code /api/claims} (whose POST is the
 * claims webhook, {@link ClaimsEndpoint}). Shapes are in {@link ApiJson}; every answer is
 * {@code Cache-Control: no-store}, since it is the state of now. Bad query values are 400 with a
 * message saying what is accepted, unknown ids 404.
 */
public final class ApiRoutes {

    /** Checks in a target's sparkline. */
    static final int SPARK = 30;
    /** Raw samples in a target's history (the newest of the last 24 h). */
    static final int HISTORY = 2_000;
    /** Incidents in {@code ?state=all}; claims and task lists in {@code /api/claims}. */
    static final int RECENT_INCIDENTS = 100;
    static final int RECENT_INTEL = 200;
    static final Duration MAX_SINCE = Claims.LOOK_BACK;
    /** Targets in one page of {@code /api/targets} at most. */
    static final int MAX_LIMIT = 1_000;
    private static final Pattern INCIDENT_ID = Pattern.compile("(?i)(?:INC-)?([0-9]{1,18})");
    private static final String NO_SECTOR = "\uffff";

    private final WebData data;
    private final Clock clock;

    public ApiRoutes(WebData data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(Route.get("/api/targets", this::targets),
                Route.get("/api/targets/{id}", r -> target(r.param("id").orElseThrow())),
                Route.get("/api/incidents", r -> incidents(r.query("state").orElse("open"))),
                Route.get("/api/incidents/{id}", r -> incident(r.param("id").orElseThrow())),
                Route.get(ClaimsEndpoint.PATH, r -> claims(r.query("since").orElse("24h"))));
    }

    /**
     * Targets sorted by their {@code sector} label (targets without one last), then id; filtered by
     * {@code sector} (exact), {@code state} (states separated by commas, or {@code problems}: DOWN
     * and DEGRADED) and {@code q} (a piece of the id, name, host or an alias, any case); paged by
     * {@code limit} (1 to {@value #MAX_LIMIT}; all when absent) and {@code cursor} (a previous
     * answer's {@code next}). {@code total} counts every match.
     */
    private Response targets(Request r) {
        Optional<String> sector = r.query("sector");
        Set<TargetState> states;
        try {
            states = states(r.query("state"));
        } catch (IllegalArgumentException e) {
            return Response.error(400, e.getMessage());
        }
        String q = r.query("q").map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse("");
        int limit;
        try {
            limit = r.query("limit").map(ApiRoutes::limit).orElse(Integer.MAX_VALUE);
        } catch (IllegalArgumentException e) {
            return Response.error(400, e.getMessage());
        }
        Optional<String> after;
        try {
            after = r.query("cursor").map(ApiRoutes::cursorKey);
        } catch (IllegalArgumentException e) {
            return Response.error(400, e.getMessage());
        }
        Instant now = clock.instant();
        List<TargetReport> matching = data.targets(now).stream()
                .filter(t -> sector.isEmpty() || sector.get().equals(t.target().labels().get("sector")))
                .filter(t -> states.isEmpty() || states.contains(t.state()))
                .filter(t -> q.isEmpty() || matches(t.target(), q))
                .sorted(Comparator.comparing(ApiRoutes::sortKey))
                .toList();
        List<TargetReport> rest = after.isEmpty() ? matching
                : matching.stream().filter(t -> sortKey(t).compareTo(after.get()) > 0).toList();
        List<TargetReport> page = rest.subList(0, Math.min(limit, rest.size()));
        Context c = context(now);
        ArrayNode out = WebJson.MAPPER.createArrayNode();
        page.forEach(t -> out.add(target(t, c, now)));
        ObjectNode body = WebJson.MAPPER.createObjectNode().put("generatedAt", ApiJson.time(now));
        body.put("total", matching.size());
        if (page.size() < rest.size()) {
            body.put("next", cursor(sortKey(page.get(page.size() - 1))));
        } else {
            body.putNull("next");
        }
        body.set("targets", out);
        return ok(body);
    }

    private static Set<TargetState> states(Optional<String> value) {
        if (value.isEmpty() || value.get().isBlank()) {
            return Set.of();
        }
        Set<TargetState> out = EnumSet.noneOf(TargetState.class);
        for (String word : value.get().split(",")) {
            String w = word.strip().toUpperCase(Locale.ROOT);
            if (w.equals("PROBLEMS")) {
                out.add(TargetState.DOWN);
                out.add(TargetState.DEGRADED);
                continue;
            }
            try {
                out.add(TargetState.valueOf(w));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("state must be UP, DEGRADED, DOWN, UNKNOWN or problems "
                        + "(several separated by commas), not " + JsonFields.quote(word.strip()));
            }
        }
        return out;
    }

    private static int limit(String value) {
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be a number from 1 to " + MAX_LIMIT + ", not "
                    + JsonFields.quote(value));
        }
        return n;
    }

    private static boolean matches(io.varde.check.Target t, String q) {
        if (t.id().contains(q) || t.name().toLowerCase(Locale.ROOT).contains(q)
                || t.host().toLowerCase(Locale.ROOT).contains(q)) {
            return true;
        }
        return t.aliases().stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).contains(q));
    }

    /** Where a target sorts: its sector (none last), then its id. */
    private static String sortKey(TargetReport r) {
        return sectorOf(r) + "\u0000" + r.target().id();
    }

    private static String cursor(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String cursorKey(String cursor) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            if (key.indexOf('\u0000') < 0) {
                throw new IllegalArgumentException("no key");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor must be the \"next\" of an earlier answer, not "
                    + JsonFields.quote(cursor));
        }
    }

    private Response target(String id) {
        Instant now = clock.instant();
        Optional<TargetReport> report = data.targets(now).stream().filter(r -> r.target().id().equals(id)).findFirst();
        if (report.isEmpty()) {
            return Response.error(404, "no target " + JsonFields.quote(id));
        }
        ObjectNode o = target(report.get(), context(now), now);
        List<CheckHistory.Sample> samples = data.samples(id, now.minus(Duration.ofHours(24)));
        ArrayNode history = o.putArray("history");
        samples.subList(Math.max(0, samples.size() - HISTORY), samples.size())
                .forEach(s -> history.add(ApiJson.sample(s)));
        ArrayNode claims = o.putArray("claims");
        data.claimsOn(id, now.minus(Duration.ofDays(7))).forEach(c -> claims.add(ApiJson.claim(c)));
        return ok(o);
    }

    private Response incidents(String state) {
        List<Incident> incidents = switch (state) {
            case "open" -> data.unresolved();
            case "all" -> data.recent(RECENT_INCIDENTS);
            default -> null;
        };
        if (incidents == null) {
            return Response.error(400, "state must be open or all, not " + JsonFields.quote(state));
        }
        Instant now = clock.instant();
        ArrayNode out = WebJson.MAPPER.createArrayNode();
        incidents.forEach(i -> out.add(ApiJson.incident(i, data.muteOf(i, now))));
        ObjectNode body = WebJson.MAPPER.createObjectNode();
        body.set("incidents", out);
        return ok(body);
    }

    private Response incident(String id) {
        Matcher m = INCIDENT_ID.matcher(id);
        if (!m.matches()) {
            return Response.error(400, JsonFields.quote(id) + " is not an incident id such as INC-3 or 3");
        }
        long number = Long.parseLong(m.group(1));
        Optional<Incident> incident = data.incident(number);
        if (incident.isEmpty()) {
            return Response.error(404, "no incident " + Incident.id(number));
        }
        ObjectNode o = ApiJson.incident(incident.get(), data.muteOf(incident.get(), clock.instant()));
        ArrayNode timeline = o.putArray("timeline");
        data.timeline(number).forEach(e -> timeline.add(ApiJson.timelineEntry(e)));
        return ok(o);
    }

    private Response claims(String since) {
        Duration window;
        try {
            window = Durations.parse(since);
        } catch (IllegalArgumentException e) {
            return Response.error(400, "since: " + e.getMessage());
        }
        if (window.isZero() || window.compareTo(MAX_SINCE) > 0) {
            return Response.error(400, "since must be more than 0 and at most 30d, not " + JsonFields.quote(since));
        }
        IntelIntake.Recent recent = data.intel(clock.instant().minus(window), RECENT_INTEL);
        ObjectNode body = WebJson.MAPPER.createObjectNode();
        ArrayNode claims = body.putArray("claims");
        recent.claims().stream().limit(RECENT_INTEL).forEach(c -> claims.add(ApiJson.claim(c)));
        ArrayNode lists = body.putArray("taskLists");
        recent.taskLists().stream().limit(RECENT_INTEL).forEach(s -> lists.add(ApiJson.taskList(s)));
        return ok(body);
    }

    /** What every target object needs besides its report, read once per request. */
    private record Context(Map<String, CheckHistory.Uptime> uptime7d, Map<String, String> incidents,
                           Set<String> tasked) {
    }

    private Context context(Instant now) {
        Map<String, String> incidents = new HashMap<>();
        for (Incident i : data.unresolved()) {
            if (i.kind().ownsTargets()) {
                i.targets().forEach(t -> incidents.putIfAbsent(t.targetId(), i.id()));
            }
        }
        return new Context(data.uptime(now.minus(Duration.ofDays(7))), incidents, data.tightened());
    }

    private ObjectNode target(TargetReport r, Context c, Instant now) {
        String id = r.target().id();
        return ApiJson.target(r, c.uptime7d().get(id), c.incidents().get(id), c.tasked().contains(id),
                data.spark(r.target(), SPARK, now));
    }

    private static String sectorOf(TargetReport r) {
        String sector = r.target().labels().get("sector");
        return sector == null ? NO_SECTOR : sector;
    }

    private static Response ok(JsonNode body) {
        return Response.json(200, body).withHeader("Cache-Control", "no-store");
    }
}
