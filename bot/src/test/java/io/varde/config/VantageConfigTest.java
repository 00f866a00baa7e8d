package io.varde.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.varde.check.Location;
import io.varde.check.Mitigation;
import io.varde.check.Target;
import io.varde.check.Vantage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vantage.yaml} and the targets' {@code vantage}, {@code quorum}, {@code country}, {@code source-address}, {@code mitigation}. */
class VantageConfigTest {

    private static final String FRA_TOKEN = "fra-0123456789abcdef";
    private static final String AMS_TOKEN = "ams-0123456789abcdef";
    private static final String AMS_NEXT = "ams-fedcba9876543210";
    private static final Map<String, String> ENV = Map.of("VARDE_PROBE_TOKEN_FRA", FRA_TOKEN,
            "VARDE_PROBE_TOKEN_AMS", AMS_TOKEN, "VARDE_PROBE_TOKEN_AMS_NEXT", AMS_NEXT);

    private static final String VANTAGE = """
            home: { name: cph, country: DK, source-address: 127.0.0.1 }
            locations:
              - name: fra
                country: de
                token: "${VARDE_PROBE_TOKEN_FRA}"
                labels: { provider: hetzner }
                source-address: 127.0.0.2
              - name: ams
                country: nl
                tokens: ["${VARDE_PROBE_TOKEN_AMS}", "${VARDE_PROBE_TOKEN_AMS_NEXT}"]
            """;

    @TempDir
    Path rules;

    @Test
    void withoutTheFileEverythingIsCheckedFromHome() throws Exception {
        Files.writeString(rules.resolve("targets.yaml"), TeamConfigTest.TARGETS);
        VardeConfig config = ConfigLoader.load(rules, Map.of());
        assertThat(config.vantage()).isEqualTo(VantageConfig.homeOnly());
        Target t = config.targets().get(0);
        assertThat(t.vantage()).isEqualTo(Vantage.DEFAULT);
        assertThat(t.mitigation()).isEqualTo(Mitigation.DEFAULT);
    }

    @Test
    void locationsTokensAndTargetKeysAreRead() throws Exception {
        Files.writeString(rules.resolve("vantage.yaml"), VANTAGE);
        Files.writeString(rules.resolve("targets.yaml"), """
                targets:
                  - id: borger-dk
                    url: https://www.borger.dk/
                    country: dk
                  - id: trm-dk
                    url: https://www.trm.dk/
                    vantage: [cph, fra]
                    quorum: 2
                    source-address: "::1"
                    mitigation: { status: [403, 451], body: "Blocked by Varnish", header: ["x-block", "x-waf: deny"] }
                  - id: terma-com
                    url: https://www.terma.com/
                    mitigation: false
                """);
        VardeConfig config = ConfigLoader.load(rules, ENV);
        assertThat(config.vantage().locations()).extracting(Location::name).containsExactly("cph", "fra", "ams");
        assertThat(config.vantage().home()).isEqualTo(new Location("cph", "dk", io.varde.core.Labels.empty(),
                "127.0.0.1", false));
        Location fra = config.vantage().location("fra").orElseThrow();
        assertThat(fra.agent()).isTrue();
        assertThat(fra.country()).isEqualTo("de");
        assertThat(fra.labels().get("provider")).isEqualTo("hetzner");
        assertThat(fra.sourceAddress()).isEqualTo("127.0.0.2");
        assertThat(config.vantage().tokens()).containsEntry("fra", List.of(FRA_TOKEN))
                .containsEntry("ams", List.of(AMS_TOKEN, AMS_NEXT));

        Target borger = config.targets().get(0);
        assertThat(borger.vantage()).isEqualTo(new Vantage(List.of(), 0, "dk", null));
        assertThat(borger.vantage().quorumOf(3)).isEqualTo(2);
        Target trm = config.targets().get(1);
        assertThat(trm.vantage()).isEqualTo(new Vantage(List.of("cph", "fra"), 2, null, "::1"));
        assertThat(trm.vantage().includes("ams")).isFalse();
        assertThat(trm.mitigation()).isEqualTo(new Mitigation(true, Set.of(403, 451),
                List.of("Blocked by Varnish"), List.of("x-block", "x-waf: deny")));
        assertThat(config.targets().get(2).mitigation()).isEqualTo(Mitigation.OFF);
    }

    @Test
    void everyProblemOfVantageYamlIsReportedWithFileLineAndKeyAndNoTokenIsEchoed() throws Exception {
        Files.writeString(rules.resolve("vantage.yaml"), """
                home: { name: home, token: "nope-nope-nope-nope" }
                locations:
                  - name: fra
                    country: germany
                    token: short-one
                  - name: fra
                    token: "${VARDE_PROBE_TOKEN_FRA}"
                  - name: ams
                    source-address: probe.example.org
                  - name: osl
                    tokens: ["${VARDE_PROBE_TOKEN_FRA}"]
                """);
        Files.writeString(rules.resolve("targets.yaml"), """
                targets:
                  - id: borger-dk
                    url: https://www.borger.dk/
                    vantage: [home, Frankfurt]
                """);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(rules, ENV));
        assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                rules.resolve("targets.yaml") + ":4: targets[0].vantage[1]: invalid location name \"Frankfurt\":"
                        + " use lower-case letters, digits and hyphens between them, e.g. fra",
                rules.resolve("vantage.yaml") + ":1: home.token: the nodes' own location has no token; tokens are"
                        + " for the agents under `locations`",
                rules.resolve("vantage.yaml") + ":4: locations[0].country: invalid country \"germany\": use the"
                        + " two-letter ISO 3166-1 code, e.g. dk, de, nl",
                rules.resolve("vantage.yaml") + ":5: locations[0].token: token is 9 characters long; use at least"
                        + " 16 random ones (e.g. openssl rand -hex 24)",
                rules.resolve("vantage.yaml") + ":6: locations[1].name: location name \"fra\" is already used on"
                        + " line 3; names must be unique (the nodes' own location is \"home\" unless named)",
                rules.resolve("vantage.yaml") + ":8: locations[2].token: required key is missing: each agent has"
                        + " its own token, e.g. token: \"${VARDE_PROBE_TOKEN_AMS}\"",
                rules.resolve("vantage.yaml") + ":9: locations[2].source-address: invalid source address"
                        + " \"probe.example.org\": give an IP address of this host, e.g. 192.0.2.10 or 2001:db8::10"
                        + " (not a host name)",
                rules.resolve("vantage.yaml") + ":11: locations[3].tokens[0]: the same token as location \"fra\":"
                        + " each agent needs its own, since the token says which location reports");
        assertThat(e.getMessage()).doesNotContain("short-one").doesNotContain(FRA_TOKEN).doesNotContain("nope-nope");
    }

    @Test
    void everyProblemOfATargetsVantageKeysIsReported() throws Exception {
        Files.writeString(rules.resolve("vantage.yaml"), VANTAGE);
        Files.writeString(rules.resolve("targets.yaml"), """
                targets:
                  - id: borger-dk
                    url: https://www.borger.dk/
                    vantage: [cph, frankfurt]
                    quorum: 7
                    country: Danmark
                    mitigation: { status: 999, cookie: x }
                  - id: trm-dk
                    url: https://www.trm.dk/
                    quorum: 4
                    source-address: 10.0.0.300
                    vantage: []
                """);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(rules, ENV));
        assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                rules.resolve("targets.yaml") + ":4: targets[0].vantage[1]: unknown location \"frankfurt\"; locations"
                        + " are cph, fra, ams (declared in vantage.yaml)",
                rules.resolve("targets.yaml") + ":5: targets[0].quorum: must be between 1 and the number of"
                        + " locations that check the target (2), got 7",
                rules.resolve("targets.yaml") + ":6: targets[0].country: invalid country \"Danmark\": use the"
                        + " two-letter ISO 3166-1 code, e.g. dk, de, nl",
                rules.resolve("targets.yaml") + ":7: targets[0].mitigation.cookie: unknown key; expected one of:"
                        + " status, body, header",
                rules.resolve("targets.yaml") + ":7: targets[0].mitigation.status: must be an HTTP status between"
                        + " 100 and 599, got 999",
                rules.resolve("targets.yaml") + ":10: targets[1].quorum: must be between 1 and the number of"
                        + " locations that check the target (3), got 4",
                rules.resolve("targets.yaml") + ":11: targets[1].source-address: invalid source address"
                        + " \"10.0.0.300\": give an IP address of this host, e.g. 192.0.2.10 or 2001:db8::10"
                        + " (not a host name)",
                rules.resolve("targets.yaml") + ":12: targets[1].vantage: list at least one location, or leave"
                        + " `vantage` out for every location");
    }

    @Test
    void theShippedExampleIsValid() throws IOException, ConfigException {
        Path shipped = Path.of("..", "rules", "vantage.example.yaml");
        Files.copy(shipped, rules.resolve("vantage.yaml"));
        Files.writeString(rules.resolve("targets.yaml"), TeamConfigTest.TARGETS);
        VardeConfig config = ConfigLoader.load(rules, Map.of("VARDE_PROBE_TOKEN_FRA", FRA_TOKEN,
                "VARDE_PROBE_TOKEN_AMS", AMS_TOKEN));
        assertThat(config.vantage().agents()).extracting(Location::name).containsExactly("fra", "ams");
    }
}
