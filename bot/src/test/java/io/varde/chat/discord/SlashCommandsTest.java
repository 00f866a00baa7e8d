package io.varde.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.varde.command.CommandDefinition;
import io.varde.command.Commands;
import java.util.LinkedHashMap;
import java.util.Map;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /varde} is generated from the grammar, and its options turn back into the same command words. */
class SlashCommandsTest {

    @Test
    void everyCommandIsASubcommandWithItsArgumentsAsTypedOptions() {
        SlashCommandData data = SlashCommands.data();

        assertThat(data.getName()).isEqualTo("varde");
        assertThat(data.getSubcommands()).extracting(SubcommandData::getName)
                .containsExactlyElementsOf(Commands.all().stream().map(CommandDefinition::name).toList());
        SubcommandData mute = data.getSubcommands().stream().filter(s -> s.getName().equals("mute")).findFirst().orElseThrow();
        assertThat(mute.getOptions()).extracting(OptionData::getName, OptionData::isRequired, OptionData::isAutoComplete)
                .containsExactly(tuple("scope", true, true),
                        tuple("duration", true, false),
                        tuple("reason", false, false));
        assertThat(mute.getOptions().get(0).getDescription()).isEqualTo("Incident, target, label=value");
        SubcommandData escalate = data.getSubcommands().stream().filter(s -> s.getName().equals("escalate")).findFirst().orElseThrow();
        assertThat(escalate.getOptions()).extracting(OptionData::getName, OptionData::getType)
                .containsExactly(tuple("incident", OptionType.STRING), tuple("level", OptionType.INTEGER),
                        tuple("note", OptionType.STRING));
        SubcommandData incidents = data.getSubcommands().stream().filter(s -> s.getName().equals("incidents")).findFirst().orElseThrow();
        assertThat(incidents.getOptions().get(0).getChoices()).extracting(c -> c.getAsString()).containsExactly("open", "all");
        assertThat(data.getSubcommands()).allSatisfy(s -> {
            assertThat(s.getName()).matches("[a-z0-9_-]{1,32}");
            assertThat(s.getDescription().length()).isBetween(1, 100);
            assertThat(s.getOptions()).allSatisfy(o -> assertThat(o.getName()).matches("[a-z0-9_-]{1,32}"));
        });
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "ack      | incident=INC-3                                        | ack INC-3",
        "mute     | scope=borger-dk;duration=1h;reason=planned maintenance | mute borger-dk 1h planned maintenance",
        "mute     | scope=sector=\"gov\", org=~\"kk\";duration=30m         | mute \"sector=\\\"gov\\\", org=~\\\"kk\\\"\" 30m",
        "escalate | incident=INC-3;note=nobody answers                     | escalate INC-3 nobody answers",
        "escalate | incident=INC-3;level=2;note=duty officer               | escalate INC-3 2 duty officer",
        "status   | ''                                                    | status",
        "claim    | host=trm.dk;actor=NoName057(16)                        | claim trm.dk NoName057(16)",
    })
    void optionsBecomeTheCommandWords(String name, String options, String words) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : options.split(";")) {
            if (!pair.isBlank()) {
                int eq = pair.indexOf('=');
                values.put(pair.substring(0, eq).strip(), pair.substring(eq + 1));
            }
        }

        assertThat(SlashCommands.words(name, values)).isEqualTo(words);
    }
}
