/**
 * Discord as an alert destination: {@link io.varde.notify.discord.DiscordNotifier} posts each
 * incident once as an embed with buttons ({@link io.varde.notify.discord.DiscordEmbeds}, within
 * Discord's limits) through the connected JDA bot, and edits it in place on every change. JDA
 * honours Discord's rate limits; what Discord refuses until a person acts is reported once through
 * {@link io.varde.notify.Refusals}.
 */
package io.varde.notify.discord;
