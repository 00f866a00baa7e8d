package io.varde.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.varde.check.Outcome;
import io.varde.detect.CheckHistory;
import io.varde.detect.TargetReport;
import io.varde.incident.AffectedTarget;
import io.varde.incident.Evidence;
import io.varde.incident.Incident;
import io.varde.incident.Mute;
import io.varde.incident.TimelineEntry;
import io.varde.intel.ClaimMatch;
import io.varde.intel.HostName;
import io.varde.intel.StoredClaim;
import io.varde.intel.TaskListSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The JSON shapes of the read API, one method per object; pure. Field names are a contract with
 * the status page and with users' scripts: add fields, never rename them. Times are ISO-8601 UTC
 * ({@code 2025-11-13T08:00:00Z}) or null; enum values are their upper-case names, except a
 * target's {@code kind} ({@code http}, {@code tcp}, {@code dns}, as in {@code targets.yaml}) and a
 * claim's {@code source} ({@code webhook}, {@code feed}, ..., as {@code claims} prints it).
 */
final class ApiJson {

    private ApiJson() {
    }

    /**
     * One target as the list shows it.
     *
     * @param uptime7d the 7-day roll-up, or null without checks
     * @param incident the open incident it is part of ({@code INC-3}), or null
     * @param spark    its last checks, oldest first
     */
    static ObjectNode target(TargetReport r, CheckHistory.Uptime uptime7d, String incident, boolean tasked,
                             List<CheckHistory.Sample> spark) {
        ObjectNode o = WebJson.MAPPER.createObjectNode();
        o.put("id", r.target().id());
        o.put("name", r.target().name());
        o.put("kind", r.target().kind().configName());
        o.put("host", r.target().host());
        ObjectNode labels = o.putObject("labels");
        r.target().labels().map().forEach(labels::put);
        o.put("state", r.state().name());
        o.put("since", time(r.since()));
        o.put("flapping", r.flapping());
        o.put("lastCheck", time(r.lastCheck()));
        if (r.latency() == null) {
            o.putNull("latencyMs");
        } else {
            o.put("latencyMs", r.latency().toMillis());
        }
        o.put("problem", r.problem() == null ? "" : r.problem());
        ratio(o, "uptime24h", r.uptime24h());
        ratio(o, "uptime7d", uptime7d == null ? Double.NaN : uptime7d.ratio());
        o.put("incident", incident);
        o.put("tasked", tasked);
        ArrayNode s = o.putArray("spark");
        for (CheckHistory.Sample sample : spark) {
            if (sample.outcome().failed()) {
                s.addNull();
            } else {
                s.add(sample.responseMillis());
            }
        }
        return o;
    }

    static ObjectNode sample(CheckHistory.Sample s) {
        return WebJson.MAPPER.createObjectNode().put("at", time(s.at())).put("outcome", s.outcome().name())
                .put("latencyMs", s.responseMillis());
    }

    /** One incident; {@code mute} is the active mute covering it, if any. */
    static ObjectNode incident(Incident i, Optional<Mute> mute) {
        ObjectNode o = WebJson.MAPPER.createObjectNode();
        o.put("id", i.id());
        o.put("number", i.number());
        o.put("kind", i.kind().name());
        o.put("state", i.state().name());
        o.put("severity", i.severity().name());
        o.put("title", i.title());
        o.put("openedAt", time(i.openedAt()));
        o.put("updatedAt", time(i.updatedAt()));
        o.put("resolvedAt", time(i.resolvedAt()));
        o.put("acknowledgedBy", i.acknowledgedBy() == null ? null : i.acknowledgedBy().name());
        o.put("escalationLevel", i.escalationLevel());
        o.put("muted", mute.map(Mute::id).orElse(null));
        ArrayNode targets = o.putArray("targets");
        for (AffectedTarget t : i.targets()) {
            targets.addObject().put("id", t.targetId()).put("state", t.state().name())
                    .put("since", time(t.since())).put("problem", t.problem());
        }
        ArrayNode evidence = o.putArray("evidence");
        for (Evidence e : i.evidence()) {
            evidence.addObject().put("ref", e.ref()).put("text", e.text());
        }
        return o;
    }

    static ObjectNode timelineEntry(TimelineEntry e) {
        return WebJson.MAPPER.createObjectNode().put("at", time(e.at())).put("actor", e.actor().name())
                .put("action", e.action().name()).put("text", e.text());
    }

    static ObjectNode claim(StoredClaim c) {
        ObjectNode o = WebJson.MAPPER.createObjectNode();
        o.put("id", c.ref());
        o.put("source", c.claim().source().word());
        o.put("sourceName", c.claim().sourceName());
        o.put("actor", c.claim().actor());
        o.put("claimedAt", time(c.claim().claimedAt()));
        o.put("observedAt", time(c.claim().observedAt()));
        ArrayNode hosts = o.putArray("hosts");
        c.claim().hosts().stream().map(HostName::host).forEach(hosts::add);
        ArrayNode paths = o.putArray("paths");
        c.claim().paths().forEach(paths::add);
        ArrayNode links = o.putArray("links");
        c.claim().links().forEach(links::add);
        o.put("text", c.claim().text());
        ArrayNode targets = o.putArray("targets");
        for (ClaimMatch m : c.matches()) {
            targets.addObject().put("target", m.targetId()).put("host", m.host())
                    .put("reason", m.reason().name()).put("detail", m.detail());
        }
        return o;
    }

    static ObjectNode taskList(TaskListSnapshot s) {
        ObjectNode o = WebJson.MAPPER.createObjectNode();
        o.put("source", s.source());
        o.put("observedAt", time(s.observedAt()));
        o.put("tasks", s.tasks());
        o.put("skipped", s.skipped());
        ArrayNode targets = o.putArray("targets");
        s.targetIds().forEach(targets::add);
        return o;
    }

    /** ISO-8601 in UTC, or null. */
    static String time(Instant at) {
        return at == null ? null : at.toString();
    }

    private static void ratio(ObjectNode o, String field, double ratio) {
        if (Double.isNaN(ratio)) {
            o.putNull(field);
        } else {
            o.put(field, ratio);
        }
    }
}
