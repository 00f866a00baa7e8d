/**
 * Slack as a place to run commands: {@link io.varde.chat.slack.SlackApp} is a Bolt for Java app
 * that turns the slash command ({@code /varde} by default) and the alert buttons into
 * {@link io.varde.command.CommandRequest}s for the command layer (same grammar, same roles as
 * everywhere) and its {@link io.varde.command.Reply}s into Block Kit, answering within Slack's 3 s
 * and following up through {@code response_url} when the work takes longer. Requests arrive over
 * Socket Mode or over HTTP ({@link io.varde.chat.slack.SlackApp#http}, where
 * {@link io.varde.chat.slack.SlackRequestGate} verifies each signature, timestamp and replay before
 * Bolt sees the request, remembering verified signatures in a {@link io.varde.core.OnceKeys}
 * (this process's, or the database's that every node of a cluster shares),
 * and {@link io.varde.chat.slack.BoltPatterns} keeps from Bolt's parser what it would log). User
 * groups named in the team file come from {@link io.varde.chat.slack.SlackGroups}.
 */
package io.varde.chat.slack;
