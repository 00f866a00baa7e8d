package io.varde.command;

import io.varde.core.Matchers;
import io.varde.incident.Incident;
import io.varde.incident.MuteScope;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One parsed command, platform-neutral: what a chat message, a button or {@code varde ctl} asks
 * for. Values only; {@link CommandParser} makes them and the incident layer executes them.
 *
 * <p>{@link #toText()} writes the canonical command words, which {@link CommandParser#parse}
 * reads back to an equal command (buttons carry such words). Two exceptions, both inherent in
 * the grammar: an {@link Escalate} without a level whose note begins with a whole number reads
 * back with that number as the level, and notes and reasons lose leading and trailing spaces.
 */
public sealed interface Command {

    /** The canonical command words, e.g. {@code mute borger-dk 1h planned maintenance}. */
    String toText();

    /**
     * What is down or degraded now, for everything, one target, or the targets matching labels.
     * At most one of {@code target} and {@code labels} is present.
     */
    record Status(Optional<String> target, Optional<Matchers> labels) implements Command {
        public Status {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(labels, "labels");
            if (target.isPresent() && labels.isPresent()) {
                throw new IllegalArgumentException("status takes a target or labels, not both");
            }
        }

        /** Everything. */
        public static Status all() {
            return new Status(Optional.empty(), Optional.empty());
        }

        @Override
        public String toText() {
            return target.map(t -> "status " + t)
                    .or(() -> labels.map(m -> "status " + Words.quote(m.toString())))
                    .orElse("status");
        }
    }

    /** The incident list: open ones (acknowledged included), or all of them. */
    record Incidents(boolean all) implements Command {
        @Override
        public String toText() {
            return all ? "incidents all" : "incidents open";
        }
    }

    /** Acknowledge incident {@code INC-incident}: someone is on it, escalation stops. */
    record Ack(long incident) implements Command {
        @Override
        public String toText() {
            return "ack " + Incident.id(incident);
        }
    }

    /** Silence {@code scope} for {@code duration} (positive); the reason may be empty. */
    record Mute(MuteScope scope, Duration duration, String reason) implements Command {
        public Mute {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toText() {
            return Words.join("mute " + Words.scope(scope) + " " + Words.duration(duration), reason);
        }
    }

    /** End a mute early: {@code ref} is a mute id ({@code M-4}) or a target id. */
    record Unmute(String ref) implements Command {
        public Unmute {
            Objects.requireNonNull(ref, "ref");
        }

        @Override
        public String toText() {
            return "unmute " + ref;
        }
    }

    /** Escalate now: to {@code level} when given, else to the policy's next level. */
    record Escalate(long incident, OptionalInt level, String note) implements Command {
        public Escalate {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(note, "note");
        }

        @Override
        public String toText() {
            String head = "escalate " + Incident.id(incident);
            if (level.isPresent()) {
                head += " " + level.getAsInt();
            }
            return Words.join(head, note);
        }
    }

    /** Close an incident by hand; the note may be empty. */
    record Resolve(long incident, String note) implements Command {
        public Resolve {
            Objects.requireNonNull(note, "note");
        }

        @Override
        public String toText() {
            return Words.join("resolve " + Incident.id(incident), note);
        }
    }

    /** The grammar: every command, or one ({@code command} is a canonical command name). */
    record Help(Optional<String> command) implements Command {
        public Help {
            Objects.requireNonNull(command, "command");
        }

        @Override
        public String toText() {
            return command.map(c -> "help " + c).orElse("help");
        }
    }
}
