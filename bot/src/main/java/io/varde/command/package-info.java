/**
 * The platform-neutral command layer: one grammar for chat and {@code varde ctl}, parsing,
 * role checks, execution against incidents, status and threat intel, and replies as
 * platform-neutral cards. {@link io.varde.command.Commands} is the table every command is defined
 * in (name, syntax, summary, role, reply visibility, argument reader);
 * {@link io.varde.command.CommandParser} turns words into a {@link io.varde.command.Command} or a
 * short reason with the usage line; {@link io.varde.command.Permissions} says which role a
 * command needs; a {@link io.varde.command.Reply} carries the answer and who sees it.
 * {@link io.varde.command.CommandExecutor} runs a {@link io.varde.command.CommandRequest} from
 * any platform: parse, role check (a refusal on an incident goes to its timeline), then the
 * incident service, the status board, or threat intel through the
 * {@link io.varde.command.Intel} port ({@code claim} records a responder's claim as a manual
 * one, {@code claims} lists recent claims and task lists; without the port both say intel is
 * not enabled). Adding a command is one {@code Command} record, one row in {@code Commands} and
 * one branch in {@code CommandExecutor.run}.
 */
package io.varde.command;
