/**
 * The platform-neutral command layer: one grammar for chat and {@code varde ctl}, parsing,
 * role checks, execution against incidents and status, and replies as platform-neutral cards.
 * {@link io.varde.command.Commands} is the table every command is defined in (name, syntax,
 * summary, role, reply visibility, argument reader); {@link io.varde.command.CommandParser}
 * turns words into a {@link io.varde.command.Command} or a short reason with the usage line;
 * {@link io.varde.command.Permissions} says which role a command needs; a
 * {@link io.varde.command.Reply} carries the answer and who sees it.
 * {@link io.varde.command.CommandExecutor} runs a {@link io.varde.command.CommandRequest} from
 * any platform: parse, role check (a refusal on an incident goes to its timeline), then the
 * incident service or the status board.
 */
package io.varde.command;
