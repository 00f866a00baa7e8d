package io.varde.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.CheckKind;
import io.varde.check.Condition;
import io.varde.check.DetectionSettings;
import io.varde.check.DnsSpec;
import io.varde.check.HttpSpec;
import io.varde.check.Target;
import io.varde.check.TcpSpec;
import io.varde.core.Labels;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid configs under {@code config/valid/} load into complete targets with defaults applied. */
class ValidConfigTest {

    private static final Map<String, String> ENV = Map.of(
            "VARDE_HOST", "www.borger.dk",
            "VARDE_TOKEN", "s3cret",
            "VARDE_MAX_MS", "");

    @TempDir
    Path rules;

    @Test
    void minimalConfigGetsEveryBuiltInDefault() throws Exception {
        VardeConfig config = load("minimal.yaml");

        assertThat(config.rulesDir()).isEqualTo(rules);
        assertThat(config.scheduler()).isEqualTo(SchedulerSettings.DEFAULTS);
        assertThat(config.targets()).extracting(Target::id)
                .containsExactly("borger-dk", "trm-dk", "kk-dk");
        for (Target t : config.targets()) {
            assertThat(t.name()).isEqualTo(t.id());
            assertThat(t.interval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(t.detection()).isEqualTo(DetectionSettings.DEFAULTS);
            assertThat(t.labels()).isEqualTo(Labels.empty());
            assertThat(t.aliases()).isEmpty();
            assertThat(t.canary()).isFalse();
        }
        assertThat(config.targets().get(0).probe()).isEqualTo(new HttpSpec(
                URI.create("https://www.borger.dk/"), "GET", Map.of(), null, true, true));
        assertThat(config.targets().get(1).probe()).isEqualTo(new TcpSpec("www.trm.dk", 443));
        assertThat(config.targets().get(2).probe()).isEqualTo(new DnsSpec("kk.dk", "A", null));
    }

    @Test
    void targetsWithoutConditionsGetTheDefaultConditionOfTheirKind() throws Exception {
        VardeConfig config = load("minimal.yaml");

        assertThat(config.targets()).extracting(t -> texts(t.conditions())).containsExactly(
                List.of("[STATUS] < 400"),
                List.of("[CONNECTED] == true"),
                List.of("[DNS_RCODE] == NOERROR"));
    }

    @Test
    void fullConfigAppliesDefaultsOverridesAndEnvironment() throws Exception {
        VardeConfig config = load("full.yaml");

        assertThat(config.scheduler()).isEqualTo(new SchedulerSettings(32, 512, 2));
        Target borger = config.targets().get(0);
        assertThat(borger.name()).isEqualTo("borger.dk");
        assertThat(borger.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(borger.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(borger.detection()).isEqualTo(new DetectionSettings(5, 2, 2.5,
                Duration.ofMillis(500), 4, Duration.ofMinutes(30)));
        assertThat(borger.probe()).isEqualTo(new HttpSpec(URI.create("https://www.borger.dk/"),
                "POST", Map.of("Accept", "text/html", "Authorization", "Bearer s3cret",
                        "X-Literal", "${NOT_EXPANDED}"), "{\"q\":1}", false, false));
        assertThat(texts(borger.conditions()))
                .containsExactly("[STATUS] == 200", "[RESPONSE_TIME] < 800");
        assertThat(borger.canary()).isFalse();
    }

    @Test
    void perTargetOverridesMergeWithDefaultsKeyByKey() throws Exception {
        Target tcp = load("full.yaml").targets().get(1);

        assertThat(tcp.probe()).isEqualTo(new TcpSpec("www.trm.dk", 443));
        assertThat(tcp.interval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(tcp.timeout()).as("from defaults").isEqualTo(Duration.ofSeconds(5));
        assertThat(tcp.detection()).as("threshold from env default, flap window from defaults")
                .isEqualTo(new DetectionSettings(2, 2, 2.5, Duration.ofMillis(500), 0,
                        Duration.ofMinutes(30)));
    }

    @Test
    void labelsAndAliasesAreStoredNormalised() throws Exception {
        VardeConfig config = load("full.yaml");

        Target borger = config.targets().get(0);
        assertThat(borger.labels()).isEqualTo(Labels.of(
                Map.of("sector", "government", "org", "digst", "country", "dk")));
        assertThat(borger.aliases()).as("lower case, punycode, without duplicates or own host")
                .containsExactly("borger.dk", "xn--brger-vua.dk");
        assertThat(config.targets().get(3).labels().get("sector")).isEqualTo("health");
    }

    @Test
    void dnsAndIpv6TargetsAreNormalised() throws Exception {
        VardeConfig config = load("full.yaml");

        Target canary = config.targets().get(2);
        assertThat(canary.kind()).isEqualTo(CheckKind.DNS);
        assertThat(canary.probe())
                .isEqualTo(new DnsSpec("_dmarc.borger.dk", "TXT", "[2001:db8::53]:53"));
        assertThat(canary.canary()).isTrue();
        assertThat(canary.detection().baselineFactor()).isZero();
        Target v6 = config.targets().get(3);
        assertThat(v6.probe()).isEqualTo(new TcpSpec("2001:db8::1", 8443));
        assertThat(texts(v6.conditions())).containsExactly("[CONNECTED] == true");
    }

    private VardeConfig load(String fixture) throws IOException, URISyntaxException,
            ConfigException {
        Path source = Path.of(getClass().getResource("/config/valid/" + fixture).toURI());
        Files.copy(source, rules.resolve("targets.yaml"));
        return ConfigLoader.load(rules, ENV);
    }

    private static List<String> texts(List<Condition> conditions) {
        return conditions.stream().map(Condition::text).toList();
    }
}
