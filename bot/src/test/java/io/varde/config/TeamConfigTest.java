package io.varde.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.varde.core.Labels;
import io.varde.core.Matchers;
import io.varde.core.Severity;
import io.varde.incident.Actor;
import io.varde.incident.EscalationPolicy;
import io.varde.incident.EscalationPolicy.Level;
import io.varde.incident.Role;
import io.varde.incident.Route;
import io.varde.incident.TeamConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code team.yaml}: defaults when absent, every key when present, and the shipped example. */
class TeamConfigTest {

    static final String TARGETS = """
            targets:
              - id: borger-dk
                url: https://www.borger.dk/
                labels: { sector: government, org: digst }
            """;

    private static final Map<String, String> ENV =
            Map.of("VARDE_DUTY_URL", "https://duty.example.org/hook", "VARDE_DUTY_TOKEN", "s3cret");

    @TempDir
    Path rules;

    @Test
    void withoutTeamFileEverythingGoesToTheConsoleAndStrangersMayOnlyLook() throws Exception {
        Files.writeString(rules.resolve("targets.yaml"), TARGETS);

        TeamConfig team = ConfigLoader.load(rules, Map.of()).team();

        assertThat(team).isEqualTo(VardeConfig.defaultTeam());
        assertThat(team.routes()).isEmpty();
        assertThat(team.policies()).isEmpty();
        assertThat(team.webhooks()).isEmpty();
        assertThat(team.team().maxMute()).isEqualTo(Duration.ofDays(7));
        assertThat(team.team().roleOf(new Actor("slack", "U1", "ann"), List.of()))
                .isEqualTo(Role.VIEWER);
        Route route = team.routeFor(Labels.of(Map.of("sector", "government")), Severity.CRITICAL);
        assertThat(route).isEqualTo(new Route("default", new Matchers(List.of()), Severity.INFO,
                List.of("console"), null, List.of(), null));
    }

    @Test
    void anEmptyTeamFileMeansTheDefaults() throws Exception {
        Files.writeString(rules.resolve("targets.yaml"), TARGETS);
        Files.writeString(rules.resolve("team.yaml"), "# routes come later\n");

        assertThat(ConfigLoader.load(rules, Map.of()).team()).isEqualTo(VardeConfig.defaultTeam());
    }

    @Test
    void everyKeyIsRead() throws Exception {
        TeamConfig team = load("team-full.yaml");

        assertThat(team.team().unknownUsers()).isEqualTo(Role.NONE);
        assertThat(team.team().maxMute()).isEqualTo(Duration.ofDays(2));
        assertThat(team.team().members()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "slack:U0LEAD", Role.LEAD, "slack-group:S0LEADS", Role.LEAD,
                "discord-role:876543210987654321", Role.LEAD,
                "slack-group:S0OPS", Role.RESPONDER, "discord:123456789012345678", Role.RESPONDER,
                "slack:W0GUEST", Role.VIEWER));
        assertThat(team.webhooks()).containsOnlyKeys("duty");
        assertThat(team.webhooks().get("duty")).isEqualTo(new TeamConfig.Webhook("duty",
                URI.create("https://duty.example.org/hook"),
                Map.of("Authorization", "Bearer s3cret")));
        assertThat(team.policies()).containsOnlyKeys("standard");
        assertThat(team.policies().get("standard")).isEqualTo(new EscalationPolicy("standard",
                List.of(new Level(Duration.ZERO, List.of("console"), List.of()),
                        new Level(Duration.ofMinutes(10), List.of(),
                                List.of("slack-group:S0LEADS", "discord-role:876543210987654321")),
                        new Level(Duration.ofMinutes(30), List.of("webhook:duty", "slack:C0DUTY"),
                                List.of("slack:U0LEAD")))));
        assertThat(team.routes()).containsExactly(
                new Route("government", Matchers.parse("sector=~\"government|public\", org!=\"test\""),
                        Severity.WARNING, List.of("console", "discord:112233445566778899"),
                        "standard", List.of("org", "sector"), Duration.ofHours(1)),
                new Route("everything-critical", new Matchers(List.of()), Severity.CRITICAL,
                        List.of(), null, List.of(), null, Duration.ZERO, Duration.ofMinutes(1)));
        assertThat(team.routes().get(0).groupWait()).as("the defaults").isEqualTo(Route.GROUP_WAIT)
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(team.routes().get(0).threadInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(team.fallback()).isEqualTo(new Route("default", new Matchers(List.of()),
                Severity.INFO, List.of("slack:C0FALLBACK"), null, List.of(), Duration.ofHours(4)));
    }

    @Test
    void rolesComeFromUsersAndTheirGroups() throws Exception {
        TeamConfig team = load("team-full.yaml");

        assertThat(team.team().roleOf(new Actor("slack", "U9", "bo"), List.of("S0OPS")))
                .isEqualTo(Role.RESPONDER);
        assertThat(team.team().roleOf(new Actor("discord", "5", "cy"), List.of("876543210987654321")))
                .isEqualTo(Role.LEAD);
        assertThat(team.team().roleOf(new Actor("slack", "U9", "bo"), List.of()))
                .as("unknown-users: none").isEqualTo(Role.NONE);
    }

    @Test
    void incidentsTakeTheFirstRouteThatAcceptsThemAndTheRestTheDefault() throws Exception {
        TeamConfig team = load("team-full.yaml");
        Labels ministry = Labels.of(Map.of("sector", "government", "org", "trm"));
        Labels testOrg = Labels.of(Map.of("sector", "public", "org", "test"));

        assertThat(team.routeFor(ministry, Severity.WARNING).name()).isEqualTo("government");
        assertThat(team.routeFor(ministry, Severity.INFO).name()).isEqualTo("default");
        assertThat(team.routeFor(testOrg, Severity.CRITICAL).name())
                .isEqualTo("everything-critical");
        assertThat(team.routeFor(testOrg, Severity.WARNING).name()).isEqualTo("default");
    }

    @Test
    void errorsOfBothFilesAreReportedTogether() throws IOException {
        Files.writeString(rules.resolve("targets.yaml"), "targets:\n  - id: Borger\n"
                + "    url: https://www.borger.dk/\n");
        Files.writeString(rules.resolve("team.yaml"), "mutes:\n  max: 0s\n");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(rules, Map.of()));

        assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                rules.resolve("targets.yaml") + ":2: targets[0].id: invalid id \"Borger\": use "
                        + "lower-case letters, digits and hyphens between them, e.g. borger-dk",
                rules.resolve("team.yaml") + ":2: mutes.max: must be more than 0, got 0s");
    }

    @Test
    void theShippedExampleLoadsAndRoutesTheDanishTargets() throws Exception {
        VardeConfig config = ConfigLoader.load(Path.of("..", "rules"), Map.of());
        TeamConfig team = config.team();

        assertThat(team.routes()).extracting(Route::name)
                .containsExactly("government", "critical-infrastructure", "municipal");
        assertThat(config.targets()).filteredOn(t -> !t.canary()).allSatisfy(t -> assertThat(
                team.routeFor(t.labels(), Severity.CRITICAL).name()).isNotEqualTo("default"));
        assertThat(team.routeFor(Labels.empty(), Severity.CRITICAL).channels())
                .containsExactly("console");
        assertThat(team.routes()).allSatisfy(r -> assertThat(r.channels()).containsOnly("console"));
        assertThat(team.webhooks()).as("no webhook without its environment").isEmpty();
    }

    private TeamConfig load(String fixture) throws Exception {
        Path source = Path.of(getClass().getResource("/config/valid/" + fixture).toURI());
        Files.writeString(rules.resolve("targets.yaml"), TARGETS);
        Files.copy(source, rules.resolve("team.yaml"));
        return ConfigLoader.load(rules, ENV).team();
    }
}
