package io.varde.intel;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.DetectionSettings;
import io.varde.check.HttpSpec;
import io.varde.check.Target;
import io.varde.core.Labels;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Raw claims as sources send them, read into claims; and claims on an IP a target resolves to. */
class ClaimsTest {

    static final Instant T = Instant.parse("2025-11-13T08:00:00Z");

    static RawClaim raw(List<String> hosts, Instant claimedAt, String text) {
        return new RawClaim(ClaimSource.WEBHOOK, "partner", "id-1", " NoName057(16) ", claimedAt, T, hosts,
                List.of("/a"), List.of("https://t.me/x/1", " ", "https://t.me/x/1"), text);
    }

    @Test
    void hostsAreNormalisedAndDistinct_aUrlAddsItsPath_unreadableOnesAreSaidWhy() {
        Claims.Reading r = Claims.read(raw(List.of("WWW.TRM.DK.", "https://www.trm.dk/search?q=1", "borger dk",
                "xn--kbenhavn-54a.dk", "københavn.dk"), null, "text"));
        Claim c = r.claim().orElseThrow();
        assertThat(c.hosts()).extracting(HostName::host).containsExactly("www.trm.dk", "xn--kbenhavn-54a.dk");
        assertThat(c.paths()).containsExactly("/search?q=1", "/a");
        assertThat(r.refused()).singleElement().satisfies(x -> assertThat(x).startsWith("borger dk: "));
        assertThat(c.links()).containsExactly("https://t.me/x/1");
        assertThat(c.actor()).isEqualTo("NoName057(16)");
        assertThat(c.claimedAt()).as("not given: when observed").isEqualTo(T);
    }

    @Test
    void noReadableHostIsNoClaim() {
        Claims.Reading r = Claims.read(raw(List.of("", "not a host"), T, ""));
        assertThat(r.claim()).isEmpty();
        assertThat(r.refused()).hasSize(2);
    }

    @Test
    void nulCharactersAreDroppedSoTheClaimStoresOnPostgresqlToo() {
        Claim c = Claims.read(raw(List.of("trm.dk"), T.minusSeconds(60), "a\u0000b")).claim().orElseThrow();
        assertThat(c.text()).isEqualTo("ab");
        assertThat(c.claimedAt()).isEqualTo(T.minusSeconds(60));
    }

    @Test
    void aClaimOnAnIpHitsTheTargetOnlyOnceItWasSeenToResolveThere() {
        Target trm = new Target("trm-dk", "trm-dk", HttpSpec.get(URI.create("https://www.trm.dk/")),
                Duration.ofSeconds(30), Duration.ofSeconds(5), DetectionSettings.DEFAULTS, Labels.empty(),
                List.of(), List.of(), false);
        ResolvedIps ips = new ResolvedIps(List.of(trm));
        Claim onIp = Claims.read(raw(List.of("203.0.113.10"), T, "")).claim().orElseThrow();
        assertThat(ClaimMatch.of(onIp, ips.index())).isEmpty();
        ips.seen("trm-dk", "203.0.113.10");
        assertThat(ClaimMatch.of(onIp, ips.index())).singleElement().satisfies(m -> {
            assertThat(m.targetId()).isEqualTo("trm-dk");
            assertThat(m.reason()).isEqualTo(Match.Reason.IP);
        });
        for (int i = 0; i < ResolvedIps.PER_TARGET; i++) {
            ips.seen("trm-dk", "198.51.100." + i);
        }
        assertThat(ClaimMatch.of(onIp, ips.index())).as("the oldest address is forgotten").isEmpty();
    }
}
