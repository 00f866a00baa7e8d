package io.varde.vantage;

import io.varde.check.CheckResult;
import java.util.List;

/** Where the server puts the results an agent's batch brought, once they are accepted. */
@FunctionalInterface
public interface ResultSink {

    /**
     * Takes the accepted results of one batch (refused ones already left out), oldest first;
     * called on a web thread, so it must not wait long. Throwing refuses the batch with 503 and
     * the agent sends it again.
     *
     * @param location       the location the agent's token is for
     * @param droppedByAgent results the agent dropped unsent (its buffer was full)
     */
    void accept(String location, List<CheckResult> results, int droppedByAgent);
}
