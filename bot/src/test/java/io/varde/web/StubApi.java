package io.varde.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The three API endpoints the status page reads, over a mutable model, in exactly the shapes of
 * the JSON API ({@code /api/targets}, {@code /api/incidents}, {@code /api/incidents/{id}},
 * {@code /api/claims}): a test changes the model and the page's next refresh shows it. Times are
 * relative to a fixed {@code now}. {@link #failing} makes every endpoint answer 500, as an API
 * that broke.
 */
final class StubApi {

    /** One target as {@code /api/targets} lists it. */
    record Target(String id, String name, String sector, String state, String problem, boolean tasked,
                  String incident, List<Integer> spark) {
    }

    /** One open incident; {@code number} makes its id {@code INC-n}. */
    record Incident(int number, String severity, String title, String targetId, String evidence) {
        String id() {
            return "INC-" + number;
        }
    }

    private final Instant now;
    final List<Target> targets = new CopyOnWriteArrayList<>();
    final List<Incident> incidents = new CopyOnWriteArrayList<>();
    volatile boolean failing;
    /** The nodes {@code /api/cluster} shows, in its real shape ({@link ClusterRoute#json}); n1 coordinates. */
    final List<io.varde.cluster.NodeRecord> nodes = new CopyOnWriteArrayList<>();
    /** The check shards each node runs (a cluster on PostgreSQL shares them). */
    final java.util.Map<String, List<Integer>> shards = new java.util.concurrent.ConcurrentHashMap<>();

    StubApi(Instant now) {
        this.now = now;
    }

    /** Replaces target {@code id} with {@code change} applied. */
    void update(String id, UnaryOperator<Target> change) {
        targets.replaceAll(t -> t.id().equals(id) ? change.apply(t) : t);
    }

    List<Route> routes() {
        return List.of(
                Route.get("/api/targets", r -> answer(this::targetsJson)),
                Route.get("/api/incidents", r -> answer(this::incidentsJson)),
                Route.get("/api/incidents/{id}", r -> answer(() -> incidentJson(r.param("id").orElseThrow()))),
                Route.get("/api/claims", r -> answer(this::claimsJson)),
                Route.get("/api/cluster", r -> answer(() -> ClusterRoute.json(new io.varde.cluster.ClusterView(now,
                        java.util.Optional.of(new io.varde.cluster.Lease("n1", 3, now.minusSeconds(3600),
                                now.plusSeconds(8))), List.copyOf(nodes), true, java.util.Map.copyOf(shards)), "n1"))));
    }

    private Response answer(Supplier<ObjectNode> body) {
        return failing ? Response.error(500, "internal error; the server log has the details")
                : Response.json(200, body.get()).withHeader("Cache-Control", "no-store");
    }

    private ObjectNode targetsJson() {
        ObjectNode root = WebJson.MAPPER.createObjectNode().put("generatedAt", now.toString());
        ArrayNode list = root.putArray("targets");
        for (Target t : targets) {
            ObjectNode o = list.addObject().put("id", t.id()).put("name", t.name()).put("kind", "http")
                    .put("host", t.id() + ".example.org");
            ObjectNode labels = o.putObject("labels");
            if (t.sector() != null) {
                labels.put("sector", t.sector());
            }
            o.put("state", t.state()).put("since", now.minus(Duration.ofMinutes(42)).toString())
                    .put("flapping", false).put("lastCheck", now.minusSeconds(4).toString())
                    .put("latencyMs", t.state().equals("DOWN") ? null : 180).put("problem", t.problem())
                    .put("uptime24h", t.state().equals("DOWN") ? 0.962 : 1.0).put("uptime7d", 0.9981)
                    .put("incident", t.incident()).put("tasked", t.tasked());
            ArrayNode spark = o.putArray("spark");
            t.spark().forEach(v -> {
                if (v == null) {
                    spark.addNull();
                } else {
                    spark.add(v);
                }
            });
        }
        return root;
    }

    private ObjectNode incidentsJson() {
        ObjectNode root = WebJson.MAPPER.createObjectNode();
        ArrayNode list = root.putArray("incidents");
        incidents.forEach(i -> incident(list.addObject(), i));
        return root;
    }

    private ObjectNode incidentJson(String id) {
        Incident found = incidents.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
        ObjectNode o = incident(WebJson.MAPPER.createObjectNode(), found);
        ArrayNode timeline = o.putArray("timeline");
        timeline.addObject().put("at", now.minusSeconds(300).toString()).put("actor", "varde")
                .put("action", "opened").put("text", "Opened: " + found.targetId() + " is DOWN");
        timeline.addObject().put("at", now.minusSeconds(240).toString()).put("actor", "varde")
                .put("action", "notified").put("text", "Posted to #ops");
        return o;
    }

    private ObjectNode incident(ObjectNode o, Incident i) {
        String opened = now.minusSeconds(300).toString();
        o.put("id", i.id()).put("number", i.number()).put("kind", "OUTAGE").put("state", "OPEN")
                .put("severity", i.severity()).put("title", i.title()).put("openedAt", opened)
                .put("updatedAt", opened).putNull("resolvedAt").putNull("acknowledgedBy")
                .put("escalationLevel", 0).putNull("muted");
        o.putArray("targets").addObject().put("id", i.targetId()).put("state", "DOWN").put("since", opened)
                .put("problem", "connect timed out");
        o.putArray("evidence").addObject().put("ref", "C-12").put("text", i.evidence());
        return o;
    }

    private ObjectNode claimsJson() {
        ObjectNode root = WebJson.MAPPER.createObjectNode();
        ObjectNode claim = root.putArray("claims").addObject().put("id", "C-12").put("source", "telegram")
                .put("sourceName", "noname057(16)").put("actor", "NoName057(16)")
                .put("claimedAt", now.minusSeconds(600).toString()).put("observedAt", now.minusSeconds(590).toString());
        claim.putArray("hosts").add("portal.example.org");
        claim.putArray("paths");
        claim.putArray("links");
        claim.put("text", "we sent them to hell");
        claim.putArray("targets").addObject().put("target", "gov-portal").put("host", "portal.example.org")
                .put("reason", "host").put("detail", "");
        ObjectNode list = root.putArray("taskLists").addObject().put("source", "ddosia")
                .put("observedAt", now.minusSeconds(900).toString()).put("tasks", 57).put("skipped", 2);
        ArrayNode ids = list.putArray("targets");
        new ArrayList<>(targets).stream().filter(Target::tasked).forEach(t -> ids.add(t.id()));
        return root;
    }
}
