package io.varde.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Matchers come from chat commands typed by people: whatever the text, parsing either succeeds
 * or says why with an {@link IllegalArgumentException}, and what it parses prints back to text
 * that parses to the same matchers.
 */
class MatchersPropertyTest {

    @Property(tries = 2000)
    void anyTextParsesOrIsRefusedWithAReason(@ForAll("matcherLike") String text) {
        Throwable thrown = catchThrowable(() -> Matchers.parse(text));

        if (thrown == null) {
            Matchers parsed = Matchers.parse(text);
            assertThat(parsed.matchers()).isNotEmpty();
            assertThat(Matchers.parse(parsed.toString())).isEqualTo(parsed);
        } else {
            assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
            assertThat(thrown.getMessage()).isNotBlank();
        }
    }

    /** Text made mostly of the characters the grammar cares about, so that much of it parses. */
    @Provide
    Arbitrary<String> matcherLike() {
        return Arbitraries.strings().withChars("ab_1=!~\",{}\\ .*|()[")
                .withCharRange('a', 'c').ofMaxLength(30);
    }
}
