package io.varde.incident;

import io.varde.core.Labels;
import io.varde.core.Severity;
import io.varde.detect.DetectionEvent.LocationChange;
import io.varde.detect.DetectionEvent.LocationChanged;
import java.util.List;
import java.util.Optional;

/**
 * Vantage point notices: one incident per location while it is lost (an agent silent for three
 * intervals) or has a problem of its own (fails most of its targets while the others do not), at
 * severity warning on the route for unlabelled warnings; resolved when it reports again or the
 * problem is over. Its targets are judged on the other locations meanwhile; the notice says so.
 */
final class LocationNotices {

    private final TeamConfig config;
    private final Publisher publisher;

    LocationNotices(TeamConfig config, Publisher publisher) {
        this.config = config;
        this.publisher = publisher;
    }

    static String key(String location) {
        return "location:" + location;
    }

    void apply(IncidentTx tx, LocationChanged l) {
        String key = key(l.location());
        Optional<Incident> open = tx.unresolvedByKey(key);
        if (l.change().starts()) {
            if (open.isPresent()) {
                return;
            }
            String what = l.change() == LocationChange.LOST ? "lost" : "failing on its own";
            String text = "location " + l.location() + (l.change() == LocationChange.LOST
                    ? " sends no results (" + l.detail() + ")" : " " + l.detail() + " while the other locations do not")
                    + "; its targets are judged on the other locations";
            Route route = config.routeFor(Labels.empty(), Severity.WARNING);
            Incident.Builder b = Revisions.fresh(tx, config, key, route, List.of(), IncidentKind.LOCATION,
                    Severity.WARNING, "Vantage point " + l.location() + " " + what, l.at());
            b.evidence = List.of(new Evidence(key, text));
            publisher.opened(tx, new Change(b.build(), TimelineAction.OPENED, Actor.SYSTEM, "opened: " + text,
                    List.of(), true), l.at());
            return;
        }
        if (open.isEmpty()) {
            return;
        }
        Incident.Builder b = Revisions.next(open.get(), l.at());
        String how = l.change() == LocationChange.BACK ? "is reporting again" : "is no longer failing on its own";
        b.title = "Vantage point " + l.location() + " " + how;
        DetectionIntake.resolve(b, l.at());
        publisher.changed(tx, Change.of(b.build(), TimelineAction.RESOLVED, Actor.SYSTEM,
                "location " + l.location() + " " + how), l.at());
    }
}
