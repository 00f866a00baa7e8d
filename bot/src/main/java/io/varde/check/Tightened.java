package io.varde.check;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A target's tighter check profile while it is under attack (on a task list): a shorter
 * interval, a lower failure threshold, and the attacked paths checked in turn with its own
 * check. Pure: builds targets, schedules nothing.
 */
public final class Tightened {

    /** Attacked paths checked at most, per target. */
    public static final int MAX_PATHS = 5;
    /** DDoSia's placeholders for random text ({@code /search?q=$_1}); a fixed word is sent instead. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$_\\d+");
    private static final Condition ANSWERS = parse("[STATUS] < 500");

    private Tightened() {
    }

    /** {@code t} with at most {@code interval} between checks and at most {@code failureThreshold} failures to go DOWN. */
    public static Target target(Target t, Duration interval, int failureThreshold) {
        DetectionSettings d = t.detection();
        DetectionSettings tighter = new DetectionSettings(Math.min(d.failureThreshold(), failureThreshold),
                d.successThreshold(), d.baselineFactor(), d.baselineFloor(), d.flapThreshold(), d.flapWindow());
        Duration shorter = interval.compareTo(t.interval()) < 0 ? interval : t.interval();
        return new Target(t.id(), t.name(), t.probe(), shorter, t.timeout(), tighter, t.labels(), t.aliases(),
                t.conditions(), t.canary(), t.vantage(), t.mitigation());
    }

    /**
     * The checks to run in turn for {@code t}: {@code t} itself, then, for an HTTP target, a GET
     * of each attacked path on the same scheme, host and port (placeholders filled with a fixed
     * word), up to {@link #MAX_PATHS}, which passes when the site answers below 500 in time.
     * The home page ({@code ""} or {@code /}) is {@code t}'s own check.
     */
    public static List<Target> rotation(Target t, Collection<String> paths) {
        List<Target> out = new ArrayList<>();
        out.add(t);
        if (!(t.probe() instanceof HttpSpec http)) {
            return out;
        }
        for (String raw : paths.stream().sorted().toList()) {
            String path = PLACEHOLDER.matcher(raw.strip()).replaceAll("varde");
            if (path.isEmpty() || path.equals("/") || out.size() > MAX_PATHS) {
                continue;
            }
            URI url;
            try {
                URI base = http.url();
                url = new URI(base.getScheme() + "://" + base.getRawAuthority() + (path.startsWith("/") ? "" : "/") + path);
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                continue;
            }
            HttpSpec spec = new HttpSpec(url, "GET", http.headers(), null, http.followRedirects(), http.verifyTls());
            out.add(new Target(t.id(), t.name(), spec, t.interval(), t.timeout(), t.detection(), t.labels(),
                    t.aliases(), List.of(ANSWERS), t.canary(), t.vantage(), t.mitigation()));
        }
        return out;
    }

    private static Condition parse(String text) {
        try {
            return Condition.parse(text, CheckKind.HTTP);
        } catch (ConditionSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
