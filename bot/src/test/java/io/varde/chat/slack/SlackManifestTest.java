package io.varde.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The app manifest the README tells people to paste agrees with the code: the slash command is
 * the default of {@code VARDE_SLACK_COMMAND}, the scopes cover every Web API method Varde calls,
 * the buttons' interactivity is on, and Socket Mode (the quick start's mode) is enabled.
 */
class SlackManifestTest {

    @Test
    @SuppressWarnings("unchecked")
    void theShippedManifestHasTheCommandScopesAndInteractivityVardeUses() throws Exception {
        Map<String, Object> manifest = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Path.of("..", "docs", "slack-app-manifest.yaml")));

        Map<String, Object> features = (Map<String, Object>) manifest.get("features");
        List<Map<String, Object>> commands = (List<Map<String, Object>>) features.get("slash_commands");
        assertThat(commands).singleElement().satisfies(c -> assertThat(c.get("command")).isEqualTo("/varde"));
        Map<String, Object> scopes = (Map<String, Object>) ((Map<String, Object>) manifest.get("oauth_config")).get("scopes");
        assertThat((List<String>) scopes.get("bot"))
                .as("chat.postMessage/update, the command, usergroups.users.list, conversations.history/replies")
                .contains("chat:write", "commands", "usergroups:read", "channels:history", "groups:history");
        Map<String, Object> settings = (Map<String, Object>) manifest.get("settings");
        assertThat(((Map<String, Object>) settings.get("interactivity")).get("is_enabled")).isEqualTo(true);
        assertThat(settings.get("socket_mode_enabled")).isEqualTo(true);
    }
}
