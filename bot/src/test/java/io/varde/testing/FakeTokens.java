package io.varde.testing;

import io.varde.config.SlackSettings;

/**
 * The tokens tests use, in one place: obviously fake values, each with only the prefix Varde
 * checks (so no test file holds anything shaped like a real Slack or Discord token).
 */
public final class FakeTokens {

    /** A Slack bot token: the bot token prefix and fake text. */
    public static final String SLACK_BOT = SlackSettings.BOT_TOKEN_PREFIX + "fake-token-for-varde-tests";
    /** A Slack app-level token, for Socket Mode. */
    public static final String SLACK_APP = SlackSettings.APP_TOKEN_PREFIX + "fake-token-for-varde-tests";
    /** Another bot's token, which the fake Slack does not know. */
    public static final String SLACK_OTHER_BOT = SlackSettings.BOT_TOKEN_PREFIX + "fake-token-of-someone-else";
    /** A Discord bot token. */
    public static final String DISCORD = "fake-discord-token-for-varde-tests";

    private FakeTokens() {
    }
}
