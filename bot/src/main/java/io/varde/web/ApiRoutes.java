package io.varde.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.varde.core.Durations;
import io.varde.detect.CheckHistory;
import io.varde.detect.TargetReport;
import io.varde.incident.Incident;
import io.varde.intel.Claims;
import io.varde.intel.IntelIntake;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
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
    private static final Pattern INCIDENT_ID = Pattern.compile("(?i)(?:INC-)?([0-9]{1,18})");
    private static final String NO_SECTOR = "\uffff";

    private final WebData data;
    private final Clock clock;

    public ApiRoutes(WebData data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(Route.get("/api/targets", r -> targets(r.query("sector"))),
                Route.get("/api/targets/{id}", r -> target(r.param("id").orElseThrow())),
                Route.get("/api/incidents", r -> incidents(r.query("state").orElse("open"))),
                Route.get("/api/incidents/{id}", r -> incident(r.param("id").orElseThrow())),
                Route.get(ClaimsEndpoint.PATH, r -> claims(r.query("since").orElse("24h"))));
    }

    /** Targets sorted by their {@code sector} label (targets without one last), then id. */
    private Response targets(Optional<String> sector) {
        Instant now = clock.instant();
        Context c = context(now);
        ArrayNode out = WebJson.MAPPER.createArrayNode();
        data.targets(now).stream()
                .filter(r -> sector.isEmpty() || sector.get().equals(r.target().labels().get("sector")))
                .sorted(Comparator.comparing((TargetReport r) -> sectorOf(r)).thenComparing(r -> r.target().id()))
                .forEach(r -> out.add(target(r, c, now)));
        ObjectNode body = WebJson.MAPPER.createObjectNode().put("generatedAt", ApiJson.time(now));
        body.set("targets", out);
        return ok(body);
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
