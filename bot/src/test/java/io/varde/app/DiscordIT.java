package io.varde.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.varde.testing.FakeDiscord;
import io.varde.testing.FakeTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar with Discord on, as the README's variables set it up, against a fake Discord on
 * 127.0.0.1: the bot logs in and registers {@code /varde} for the server, a site goes down and its
 * embed appears in the default channel, a lead's {@code /varde ack} acknowledges it and the embed
 * is edited; {@code /readyz} reports Discord; the token is never logged.
 */
class DiscordIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void anAlertInDiscordIsAcknowledgedWithTheSlashCommand() throws Exception {
        HttpServer site = LocalSite.start(0, "/health", "{\"status\":\"UP\"}");
        Path rules = LocalSite.rules(dir, "local-web", "http://127.0.0.1:" + site.getAddress().getPort() + "/health");
        Files.writeString(rules.resolve("team.yaml"), "roles:\n  leads: [discord-role:" + FakeDiscord.LEAD_ROLE + "]\n");
        try (FakeDiscord discord = FakeDiscord.start(FakeTokens.DISCORD);
             VardeProcess varde = VardeProcess.start(Map.of("VARDE_DATA_DIR", dir.resolve("data").toString(),
                     "VARDE_HTTP_PORT", "0", "DISCORD_BOT_TOKEN", FakeTokens.DISCORD, "DISCORD_GUILD_ID", FakeDiscord.GUILD_ID,
                     "VARDE_DISCORD_API_URL", discord.restUrl(), "VARDE_DISCORD_GATEWAY_URL", discord.gatewayUrl(),
                     "DISCORD_DEFAULT_CHANNEL", FakeDiscord.CHANNEL_ID),
                     "run", "--rules", rules.toString())) {
            String base = varde.webBase(WAIT);
            varde.awaitErr(l -> l.contains("event=discord_commands_registered scope=guild"), WAIT, "/varde registered");

            site.stop(0);
            FakeDiscord.Message alert = discord.awaitMessage(FakeDiscord.CHANNEL_ID,
                    m -> m.embeds().toString().contains("local-web is DOWN"), WAIT);
            assertThat(alert.components().toString()).contains("varde:ack INC-1");

            String ack = discord.slashCommand(FakeDiscord.LEAD_USER, "ack", Map.of("incident", "INC-1"));
            assertThat(discord.awaitCallback(ack, WAIT).toString()).contains("INC-1");
            discord.awaitMessage(FakeDiscord.CHANNEL_ID, m -> m.id().equals(alert.id())
                    && m.embeds().toString().contains("Acknowledged by"), WAIT);

            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.body()).contains("\"discord\"");
            assertThat(String.join("\n", varde.errLines())).doesNotContain(FakeTokens.DISCORD);
        }
    }
}
