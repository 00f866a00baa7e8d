/**
 * Discord as a place to run commands: {@link io.varde.chat.discord.DiscordBot} logs a JDA gateway
 * bot in, registers {@code /varde} with one subcommand and typed options per command of the
 * command layer ({@link io.varde.chat.discord.SlashCommands}, autocompleted by
 * {@link io.varde.chat.discord.Completions}), and turns slash commands and alert buttons into
 * {@link io.varde.command.CommandRequest}s with the member's roles
 * ({@link io.varde.chat.discord.DiscordListener}).
 */
package io.varde.chat.discord;
