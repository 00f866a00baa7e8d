package io.varde.incident;

import static io.varde.testing.TestTargets.T0;

import io.varde.check.DetectionSettings;
import io.varde.check.HttpSpec;
import io.varde.check.Target;
import io.varde.core.Labels;
import io.varde.core.Matcher;
import io.varde.core.Matchers;
import io.varde.core.Severity;
import io.varde.detect.DetectionEvent;
import io.varde.detect.DetectionEvent.StateChanged;
import io.varde.detect.TargetState;
import io.varde.testing.MemoryIncidentStore;
import io.varde.testing.TestTargets;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Targets, a team config and an incident service over an in-memory store, for walks. */
final class IncidentFixture {

    static final Target BORGER = target("borger-dk", "borger.dk", "government", "digst");
    static final Target TRM = target("trm-dk", "www.trm.dk", "government", "trm");
    static final Target KK = target("kk-dk", "kk.dk", "municipal", "kk");
    static final Target KK_BORGER = target("kk-borger", "kk.dk/borger", "municipal", "kk");
    static final Target TERMA = target("terma", "terma.com", "defence", "terma");
    static final List<Target> ALL = List.of(BORGER, TRM, KK, KK_BORGER, TERMA);

    static final Actor ALICE = new Actor("slack", "U0ALICE", "alice");
    static final Actor BOB = new Actor("discord", "123456789012345678", "bob");

    static final EscalationPolicy STANDARD = new EscalationPolicy("standard", List.of(
            new EscalationPolicy.Level(Duration.ZERO, List.of("console"), List.of()),
            new EscalationPolicy.Level(Duration.ofMinutes(10), List.of(), List.of("slack-group:S0LEADS")),
            new EscalationPolicy.Level(Duration.ofMinutes(30), List.of("webhook:duty"), List.of())));

    final MemoryIncidentStore store = new MemoryIncidentStore();
    final IncidentService service;
    int wakes;

    IncidentFixture() {
        this(config(List.of(), Duration.ofHours(1)));
    }

    IncidentFixture(TeamConfig config) {
        service = new IncidentService(store, config, ALL, () -> wakes++);
    }

    /**
     * Routes: municipal sites (grouped by {@code groupBy}) to a Slack channel with policy
     * "standard"; everything else to the console without a policy. Both remind every
     * {@code remindEvery} (null: never).
     */
    static TeamConfig config(List<String> groupBy, Duration remindEvery) {
        Route municipal = new Route("municipal", new Matchers(List.of(
                new Matcher("sector", Matcher.Op.EQUAL, "municipal"))), Severity.WARNING,
                List.of("slack:C0MUNI"), "standard", groupBy, remindEvery);
        Route fallback = new Route("default", new Matchers(List.of()), Severity.INFO,
                List.of("console"), null, List.of(), remindEvery);
        Team team = new Team(Map.of("slack:U0ALICE", Role.LEAD), Role.VIEWER, Duration.ofDays(7));
        return new TeamConfig(team, List.of(municipal), fallback, Map.of("standard", STANDARD),
                Map.of("duty", new TeamConfig.Webhook("duty", URI.create("http://127.0.0.1:9/duty"), Map.of())));
    }

    static Target target(String id, String name, String sector, String org) {
        return new Target(id, name, HttpSpec.get(URI.create("http://127.0.0.1:9/" + id)),
                Duration.ofSeconds(30), Duration.ofSeconds(5), DetectionSettings.DEFAULTS,
                Labels.of(Map.of("sector", sector, "org", org)), List.of(), List.of(), false);
    }

    static Instant at(String offset) {
        return T0.plus(io.varde.core.Durations.parse(offset));
    }

    void down(Target t, String at) {
        change(t, TargetState.UP, TargetState.DOWN, at);
    }

    void degraded(Target t, String at) {
        change(t, TargetState.UP, TargetState.DEGRADED, at);
    }

    void up(Target t, String at) {
        change(t, TargetState.DOWN, TargetState.UP, at);
    }

    void change(Target t, TargetState from, TargetState to, String at) {
        Instant when = at(at);
        service.onEvents(List.of(new StateChanged(when, t, from, to,
                to == TargetState.UP ? Duration.ofMinutes(5) : null,
                to == TargetState.UP ? TestTargets.ok(t.id(), when, 80) : TestTargets.fail(t.id(), when))));
    }

    void events(DetectionEvent... events) {
        service.onEvents(List.of(events));
    }

    Incident incident(long n) {
        return service.incident(n).orElseThrow();
    }

    List<TimelineAction> actions(long n) {
        return service.timeline(n).stream().map(TimelineEntry::action).toList();
    }

    /** The outbox as {@code INC-n/channel/r<rev>} keys, in order. */
    List<String> sent() {
        List<String> keys = new ArrayList<>();
        for (OutboxMessage m : store.outbox()) {
            keys.add(m.key());
        }
        return keys;
    }

    OutboxMessage last() {
        List<OutboxMessage> all = store.outbox();
        return all.get(all.size() - 1);
    }
}
