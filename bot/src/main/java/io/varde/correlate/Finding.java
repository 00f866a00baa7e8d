package io.varde.correlate;

import io.varde.core.Labels;
import io.varde.core.Matchers;
import io.varde.core.Severity;
import io.varde.intel.ClaimMatch;
import io.varde.intel.StoredClaim;
import io.varde.intel.TaskedTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What a correlation rule concluded; the incident service turns findings into incidents. */
public sealed interface Finding {

    /** When it was concluded (the signal's time, or the tick's). */
    Instant at();

    /** The rule that concluded it. */
    String rule();

    /**
     * Targets newly on a task list.
     *
     * @param source the task list source's name
     */
    record Tasked(Instant at, String rule, String source, List<TaskedTarget> targets,
                  Rule.Tightening tighten, Severity severity) implements Finding {
        public Tasked {
            targets = List.copyOf(targets);
        }
    }

    /** Targets no longer on the task list {@code source}. */
    record Untasked(Instant at, String rule, String source, List<String> targetIds) implements Finding {
        public Untasked {
            targetIds = List.copyOf(targetIds);
        }
    }

    /**
     * An outage of {@code targetId} and a claim within the rule's window.
     *
     * @param match       which claimed host hit which target (the outage's own, or one with equal labels)
     * @param outageStart when the target's outage began
     * @param lag         from the outage's start to the claim; negative when claimed before
     */
    record ClaimedAttack(Instant at, String rule, String targetId, StoredClaim claim, ClaimMatch match,
                         Instant outageStart, Duration lag, Severity severity) implements Finding {
        public ClaimedAttack {
            Objects.requireNonNull(targetId, "targetId");
            Objects.requireNonNull(claim, "claim");
        }
    }

    /** A claim on {@code targets} and no outage of theirs within {@code window} either side. */
    record ClaimedNotObserved(Instant at, String rule, StoredClaim claim, List<ClaimMatch> targets,
                              Duration window) implements Finding {
        public ClaimedNotObserved {
            targets = List.copyOf(targets);
        }
    }

    /**
     * A campaign began: {@code members} went DOWN within the rule's {@code within}.
     *
     * @param key    identifies it while it lasts: {@code campaign:<rule>:sector=municipal}
     * @param labels the {@code group-by} labels and their shared values
     */
    record CampaignStarted(Instant at, String rule, String key, Labels labels, List<Member> members,
                           Severity severity) implements Finding {
        public CampaignStarted {
            members = List.copyOf(members);
        }
    }

    /** Another target joined the running campaign {@code key}. */
    record CampaignJoined(Instant at, String rule, String key, Member member) implements Finding {
    }

    /** A target DOWN as part of a campaign: since when, and the reason its check gave. */
    record Member(String targetId, Instant since, String problem) {
    }

    /**
     * Source target {@code sourceId} is DOWN: alerts of targets matching {@code scope} are held
     * back until {@link InhibitionEnded}.
     */
    record InhibitionStarted(Instant at, String rule, String sourceId, Matchers scope) implements Finding {
        /** What it and its {@link InhibitionEnded} share: {@code inhibition:<rule>:<source>}. */
        public String key() {
            return key(rule, sourceId);
        }

        /** How every inhibition key begins. */
        public static final String PREFIX = "inhibition:";

        /** The key of the inhibition of {@code sourceId} by {@code rule}. */
        public static String key(String rule, String sourceId) {
            return PREFIX + rule + ":" + sourceId;
        }
    }

    /** The source is no longer DOWN; held-back alerts are announced as they stand. */
    record InhibitionEnded(Instant at, String rule, String sourceId) implements Finding {
        public String key() {
            return InhibitionStarted.key(rule, sourceId);
        }
    }
}
