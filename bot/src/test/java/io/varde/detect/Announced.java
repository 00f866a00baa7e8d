package io.varde.detect;

import io.varde.detect.DetectionEvent.ConnectivityLost;
import io.varde.detect.DetectionEvent.ConnectivityRestored;
import io.varde.detect.DetectionEvent.FlappingStarted;
import io.varde.detect.DetectionEvent.FlappingStopped;
import io.varde.detect.DetectionEvent.StateChanged;
import java.util.ArrayList;
import java.util.List;

/** Detection events as short words for assertions: {@code borger-dk UP->DOWN}, {@code borger-dk settled UP}. */
final class Announced {

    private Announced() {
    }

    static List<String> of(List<DetectionEvent> events) {
        List<String> out = new ArrayList<>();
        for (DetectionEvent e : events) {
            if (e instanceof StateChanged s) {
                out.add(s.target().id() + " " + s.from() + "->" + s.to());
            } else if (e instanceof FlappingStarted f) {
                out.add(f.target().id() + " flapping " + f.current());
            } else if (e instanceof FlappingStopped f) {
                out.add(f.target().id() + " settled " + f.current());
            } else if (e instanceof ConnectivityLost) {
                out.add("connectivity lost");
            } else if (e instanceof ConnectivityRestored r) {
                out.add("connectivity restored, recheck " + r.recheck());
            }
        }
        return out;
    }
}
