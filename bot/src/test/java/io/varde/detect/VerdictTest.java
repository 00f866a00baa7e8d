package io.varde.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.Location;
import io.varde.check.Vantage;
import io.varde.core.Labels;
import io.varde.detect.Verdict.Judgement;
import io.varde.detect.Verdict.Reason;
import io.varde.detect.Verdict.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Locations x outcomes -> state and reason: the judgement table of issue 16. */
class VerdictTest {

    /** home is in Denmark (the nodes), fra in Germany, ams in the Netherlands. */
    private static final Map<String, Location> PLACES = Map.of(
            "home", new Location("home", "dk", Labels.empty(), null, false),
            "cph", new Location("cph", "dk", Labels.empty(), null, true),
            "fra", new Location("fra", "de", Labels.empty(), null, true),
            "ams", new Location("ams", "nl", Labels.empty(), null, true),
            "nowhere", new Location("nowhere", null, Labels.empty(), null, true));

    /**
     * Each row: the views as {@code location=STATE} (suffix {@code !} a location problem,
     * {@code ?} lost), the quorum (0: majority), the target's country, the expected judgement.
     */
    static Stream<Arguments> table() {
        return Stream.of(
                row("home=UP fra=UP ams=UP", 0, "dk", "UP"),
                row("home=DOWN fra=DOWN ams=DOWN", 0, "dk", "DOWN"),
                row("home=DOWN fra=DOWN ams=UP", 0, "dk", "DOWN"),
                row("home=UP fra=DOWN ams=DOWN", 0, "dk", "DOWN"),
                // geo-blocking: fails only abroad, passes in Denmark
                row("home=UP fra=DOWN ams=UP", 0, "dk", "PARTIAL (geo-blocked)"),
                row("home=UP fra=DOWN ams=DOWN", 3, "dk", "PARTIAL (geo-blocked)"),
                row("home=UP fra=MITIGATED ams=UP", 0, "dk", "PARTIAL (geo-blocked)"),
                // failing at home too, or no country known: a partial outage
                row("home=DOWN fra=UP ams=UP", 0, "dk", "PARTIAL (partial outage)"),
                row("home=UP fra=DOWN ams=UP", 0, null, "PARTIAL (partial outage)"),
                row("home=UP nowhere=DOWN ams=UP", 0, "dk", "PARTIAL (partial outage)"),
                row("home=UP fra=DOWN ams=UP", 0, "de", "PARTIAL (partial outage)"),
                // failing only abroad, but nothing passes in the country: not geo-blocking
                row("fra=DOWN ams=UP nowhere=UP", 0, "dk", "PARTIAL (partial outage)"),
                // mitigation: the quorum fails, fewer than the quorum are DOWN
                row("home=MITIGATED fra=MITIGATED ams=MITIGATED", 0, "dk", "MITIGATED"),
                row("home=MITIGATED fra=DOWN ams=UP", 0, "dk", "MITIGATED"),
                row("home=MITIGATED fra=DOWN ams=DOWN", 0, "dk", "DOWN"),
                row("home=MITIGATED", 0, "dk", "MITIGATED"),
                // a location with a problem of its own is set aside when it fails
                row("home=UP fra=DOWN! ams=UP", 0, "dk", "PARTIAL (location problem)"),
                row("home=DOWN fra=DOWN! ams=DOWN", 0, "dk", "DOWN"),
                row("home=DOWN fra=DOWN! ams=UP", 0, "dk", "PARTIAL (partial outage)"),
                row("home=UP fra=UP! ams=UP", 0, "dk", "UP"),
                // a lost location says nothing; the others judge
                row("home=DOWN fra=DOWN? ams=DOWN", 0, "dk", "DOWN"),
                row("home=UP fra=DOWN? ams=UP", 0, "dk", "UP"),
                row("home=DOWN fra=UP? ams=UP?", 0, "dk", "DOWN"),
                // an agent alone never makes a target DOWN when the quorum is more than one
                row("home=DOWN? fra=DOWN ams=UP?", 0, "dk", "UNKNOWN"),
                row("fra=DOWN ams=DOWN?", 2, "dk", "UNKNOWN"),
                row("fra=DOWN", 0, "dk", "DOWN"),
                row("home=DOWN", 0, "dk", "DOWN"),
                // the quorum may be one: any location failing is enough
                row("home=UP fra=DOWN ams=UP", 1, "dk", "DOWN"),
                // a quorum above the number of locations is capped at it
                row("home=DOWN fra=DOWN", 5, "dk", "DOWN"),
                // too few have decided yet: not judged
                row("home=DOWN fra=UNKNOWN ams=UNKNOWN", 0, "dk", "UNKNOWN"),
                row("home=UNKNOWN fra=UNKNOWN", 0, "dk", "UNKNOWN"),
                row("home=UP fra=UNKNOWN ams=UNKNOWN", 0, "dk", "UP"),
                // DEGRADED needs the quorum too
                row("home=DEGRADED fra=DEGRADED ams=UP", 0, "dk", "DEGRADED"),
                row("home=DEGRADED fra=UP ams=UP", 0, "dk", "UP"));
    }

    @ParameterizedTest(name = "{0} quorum={1} country={2} -> {3}")
    @MethodSource("table")
    void judges(String views, int quorum, String country, String expected) {
        Judgement j = Verdict.judge(new Vantage(List.of(), quorum, country, null), views(views));
        assertThat(j.describe()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wording")
    void saysWhichLocationsSawWhat(String views, String where) {
        assertThat(Verdict.judge(new Vantage(List.of(), 0, "dk", null), views(views)).where()).isEqualTo(where);
    }

    static Stream<Arguments> wording() {
        return Stream.of(
                Arguments.of("home=UP fra=DOWN ams=DOWN", "DOWN from ams, fra; UP from home"),
                Arguments.of("home=MITIGATED fra=UP ams=UNKNOWN", "MITIGATED from home; UP from fra"),
                Arguments.of("home=UP fra=DOWN! ams=DOWN?", "DOWN from fra (location problem); UP from home; lost: ams"));
    }

    @org.junit.jupiter.api.Test
    void reasonsReadAsWords() {
        assertThat(Reason.GEO_BLOCKED.words()).isEqualTo("geo-blocked");
        assertThat(Reason.LOCATION_PROBLEM.words()).isEqualTo("location problem");
        assertThat(Reason.PARTIAL_OUTAGE.words()).isEqualTo("partial outage");
    }

    private static Arguments row(String views, int quorum, String country, String expected) {
        return Arguments.of(views, quorum, country, expected);
    }

    private static List<View> views(String spec) {
        List<View> out = new ArrayList<>();
        for (String part : spec.split(" ")) {
            String[] kv = part.split("=");
            String state = kv[1];
            boolean problem = state.endsWith("!");
            boolean lost = state.endsWith("?");
            state = state.replace("!", "").replace("?", "");
            out.add(new View(PLACES.get(kv[0]), TargetState.valueOf(state), lost, problem));
        }
        return out;
    }
}
