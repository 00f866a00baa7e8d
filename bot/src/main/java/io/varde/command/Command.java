package io.varde.command;

import io.varde.core.Matchers;
import io.varde.incident.Incident;
import io.varde.incident.MuteScope;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One parsed command, platform-neutral: what a chat message, a button or {@code varde ctl} asks
 * for. Values only; {@link CommandParser} makes them and {@link CommandExecutor} runs them.
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

    /**
     * A responder reports a claim they saw.
     *
     * @param host  the first word as typed: a host name, URL or IP, or a target id or alias
     *              (the executor tells which); never blank
     * @param actor who claims the attack, e.g. {@code NoName057(16)}; empty when not given
     * @param link  a proof link, an http(s) URL; empty when not given
     */
    record Claim(String host, String actor, String link) implements Command {
        public Claim {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(link, "link");
        }

        @Override
        public String toText() {
            String text = "claim " + Words.token(host);
            if (!actor.isEmpty()) {
                text += " " + Words.token(actor);
            }
            return Words.join(text, link.isEmpty() ? "" : Words.token(link));
        }
    }

    /**
     * Recent claims and task lists: those of the last {@code back}, or those since the start
     * (UTC) of {@code day}. Exactly one of the two is present.
     */
    record Claims(Optional<Duration> back, Optional<LocalDate> day) implements Command {
        /** What {@code claims} alone shows: the last day. */
        public static final Duration DEFAULT_BACK = Duration.ofDays(1);

        public Claims {
            Objects.requireNonNull(back, "back");
            Objects.requireNonNull(day, "day");
            if (back.isPresent() == day.isPresent()) {
                throw new IllegalArgumentException("claims looks back a duration or from a day, one of them");
            }
        }

        /** The last {@code back}. */
        public static Claims back(Duration back) {
            return new Claims(Optional.of(back), Optional.empty());
        }

        /** Since the start of {@code day}, UTC. */
        public static Claims from(LocalDate day) {
            return new Claims(Optional.empty(), Optional.of(day));
        }

        /** The first instant shown, at {@code now}. */
        public Instant since(Instant now) {
            return back.map(now::minus).orElseGet(() -> day.get().atStartOfDay(ZoneOffset.UTC).toInstant());
        }

        @Override
        public String toText() {
            return "claims " + back.map(Words::duration).orElseGet(() -> day.get().toString());
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
