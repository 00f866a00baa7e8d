package io.varde.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.varde.core.Matcher.Op;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MatchersTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("sector=\"government\"",
                        List.of(new Matcher("sector", Op.EQUAL, "government"))),
                Arguments.of("sector=government",
                        List.of(new Matcher("sector", Op.EQUAL, "government"))),
                Arguments.of("{sector=\"government\"}",
                        List.of(new Matcher("sector", Op.EQUAL, "government"))),
                Arguments.of("  { sector = \"government\" , org =~ kk|aarhus }  ", List.of(
                        new Matcher("sector", Op.EQUAL, "government"),
                        new Matcher("org", Op.REGEX, "kk|aarhus"))),
                Arguments.of("org=~\"kk|aarhus\", country!=\"se\"", List.of(
                        new Matcher("org", Op.REGEX, "kk|aarhus"),
                        new Matcher("country", Op.NOT_EQUAL, "se"))),
                Arguments.of("org!~\"test.*\"", List.of(new Matcher("org", Op.NOT_REGEX, "test.*"))),
                Arguments.of("name=\"say \\\"hi\\\" \\\\o/\"",
                        List.of(new Matcher("name", Op.EQUAL, "say \"hi\" \\o/"))),
                Arguments.of("team=\"\"", List.of(new Matcher("team", Op.EQUAL, ""))),
                Arguments.of("a=\"x, y\",b=\"{z}\"", List.of(
                        new Matcher("a", Op.EQUAL, "x, y"), new Matcher("b", Op.EQUAL, "{z}"))),
                Arguments.of("sector=government,", List.of(
                        new Matcher("sector", Op.EQUAL, "government"))),
                Arguments.of("_x1=1, org=kk, org!=aarhus", List.of(
                        new Matcher("_x1", Op.EQUAL, "1"), new Matcher("org", Op.EQUAL, "kk"),
                        new Matcher("org", Op.NOT_EQUAL, "aarhus"))),
                Arguments.of("path=~/api/v[0-9]+", List.of(
                        new Matcher("path", Op.REGEX, "/api/v[0-9]+"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parses(String text, List<Matcher> expected) {
        assertThat(Matchers.parse(text).matchers()).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                    | no matchers: write at least one, e.g. sector=\"government\"",
        "`   `                 | no matchers: write at least one, e.g. sector=\"government\"",
        "{}                    | no matchers: write at least one, e.g. sector=\"government\"",
        "{sector=\"x\"         | missing closing \"}\"",
        "sector=\"x\"}         | unexpected \"}\" after sector=\"x\": separate matchers with commas, and quote values with spaces",
        "{sector=x} y          | unexpected \"y\" after \"}\"",
        "sector                | missing operator after \"sector\": use =, !=, =~ or !~",
        "sector \"x\"          | missing operator after \"sector\": use =, !=, =~ or !~",
        "sector==x             | unknown operator \"==\" after \"sector\": use =, !=, =~ or !~",
        "sector~=x             | unknown operator \"~=\" after \"sector\": use =, !=, =~ or !~",
        "=\"x\"                | missing label name before \"=\"",
        ",sector=x             | expected a label name, got \",\"",
        "a=b,,c=d              | expected a label name, got \",\"",
        "1st=x                 | invalid label name \"1st\": use letters, digits and _, not starting with a digit",
        "org-name=x            | invalid label name \"org-name\": use letters, digits and _, not starting with a digit",
        "sector=               | missing value after sector=: write sector=\"\" to match an empty or missing label",
        "sector=, org=kk       | missing value after sector=: write sector=\"\" to match an empty or missing label",
        "sector=\"gov          | unclosed quote in the value of \"sector\"",
        "sector=\"gov\\\"      | unclosed quote in the value of \"sector\"",
        "org=~\"\\d+\"         | invalid escape \"\\d\" in the value of \"org\": only \\\" and \\\\ are allowed",
        "sector=gov\"x\"       | unexpected a quote in the value after sector=: quote the whole value, e.g. sector=\"...\"",
        "org=~kk{2}            | unexpected \"{\" in the value after org=~: quote the whole value, e.g. org=~\"...\"",
        "sector=gov ernment    | unexpected \"ernment\" after sector=\"gov\": separate matchers with commas, and quote values with spaces",
        "org=~\"(kk\"          | org=~\"(kk\": invalid regular expression: Unclosed group near index 3",
        "org!~\"*\"            | org!~\"*\": invalid regular expression: Dangling meta character '*' near index 0",
    })
    void refuses(String text, String message) {
        assertThatThrownBy(() -> Matchers.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiterString = "||", value = {
        "sector=\"government\"            || sector=government           || true",
        "sector=\"government\"            || sector=municipal            || false",
        "sector=\"government\"            || ''                          || false",
        "sector!=\"government\"           || sector=municipal            || true",
        "sector!=\"government\"           || ''                          || true",
        "sector=\"\"                      || ''                          || true",
        "sector=\"\"                      || sector=x                    || false",
        "org=~\"kk|aarhus\"               || org=kk                      || true",
        "org=~\"kk|aarhus\"               || org=aarhus                  || true",
        "org=~\"kk\"                      || org=kkk                     || false",
        "org=~\"kk\"                      || org=xkk                     || false",
        "org=~\".*\"                      || ''                          || true",
        "org=~\".+\"                      || ''                          || false",
        "org!~\"kk|aarhus\"               || org=odense                  || true",
        "org!~\"kk|aarhus\"               || org=kk                      || false",
        "org!~\"kk\"                      || org=kkk                     || true",
        "sector=government, org=~\"kk.*\" || sector=government;org=kk2   || true",
        "sector=government, org=~\"kk.*\" || sector=municipal;org=kk     || false",
    })
    void matches(String matchers, String labels, boolean expected) {
        assertThat(Matchers.parse(matchers).matches(labels(labels))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "||", value = {
        "sector=\"government\"          || true",
        "sector!=\"government\"         || false",
        "org=~\".*\"                    || false",
        "org=~\"kk|\"                   || false",
        "org!~\"kk\"                    || false",
        "sector=\"government\", org=~\"kk\" || true",
    })
    void refusesToMatchEverythingOnlyWhenItWould(String matchers, boolean selective) {
        assertThat(Matchers.parse(matchers).matchesEverything()).isEqualTo(!selective);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void toStringParsesBackToEqualMatchers(String text, List<Matcher> expected) {
        Matchers parsed = Matchers.parse(text);

        assertThat(Matchers.parse(parsed.toString())).isEqualTo(parsed);
        assertThat(Matchers.parse(parsed.toString())).hasToString(parsed.toString());
    }

    @Test
    void canonicalTextQuotesEveryValueAndEscapesQuotesAndBackslashes() {
        assertThat(Matchers.parse("{org=~kk|aarhus,name=\"a\\\"b\\\\c\",x!=\"\"}"))
                .hasToString("org=~\"kk|aarhus\", name=\"a\\\"b\\\\c\", x!=\"\"");
    }

    @Test
    void regularExpressionsAreCompiledOnceAndComparedByText() {
        Matcher a = new Matcher("org", Op.REGEX, "kk|aarhus");
        Matcher b = Matchers.parse("org=~\"kk|aarhus\"").matchers().get(0);

        assertThat(a.pattern()).isNotNull();
        assertThat(a.pattern().pattern()).isEqualTo("kk|aarhus");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(new Matcher("org", Op.EQUAL, "kk").pattern()).isNull();
        assertThat(new Matcher("org", Op.EQUAL, "kk")).isNotEqualTo(new Matcher("org", Op.REGEX, "kk"));
    }

    @Test
    void constructorRefusesBadNamesAndRegularExpressions() {
        assertThatThrownBy(() -> new Matcher("org name", Op.EQUAL, "kk"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid label name \"org name\": use letters, digits and _, not starting with a digit");
        assertThatThrownBy(() -> new Matcher("org", Op.NOT_REGEX, "[kk"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("org!~\"[kk\": invalid regular expression: Unclosed character class");
    }

    @Test
    void anEmptyListMatchesEverything() {
        Matchers none = new Matchers(List.of());

        assertThat(none.matches(labels("sector=government"))).isTrue();
        assertThat(none.matchesEverything()).isTrue();
        assertThat(none).hasToString("");
    }

    /** {@code a=1;b=2}, or empty for no labels. */
    private static Labels labels(String text) {
        if (text == null || text.isBlank()) {
            return Labels.empty();
        }
        Map<String, String> pairs = new java.util.TreeMap<>();
        for (String pair : text.split(";")) {
            String[] kv = pair.split("=", 2);
            pairs.put(kv[0], kv[1]);
        }
        return Labels.of(pairs);
    }
}
