package io.varde.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** Whatever a feed posts, extraction never throws and every host it finds reads back as itself. */
class TextHostsPropertiesTest {

    @Property(tries = 1000)
    void anyTextYieldsHostsThatNormalise(@ForAll @StringLength(max = 200) String text) {
        assertHostsNormalise(TextHosts.extract(text));
    }

    @Property(tries = 2000)
    void hostLikeTextYieldsHostsThatNormalise(
            @ForAll @StringLength(max = 120) @Chars({'a', 'D', 'k', '.', '-', '_', ':', '/', '@',
                    '1', '4', ' ', ',', ')', '(', '?', '#', '…', '»', 'ø', 'д', 'р', 'ф', '。',
                    'h', 't', 'p', 's'}) String text) {
        assertHostsNormalise(TextHosts.extract(text));
    }

    @Property(tries = 500)
    void hostsGluedIntoTextAreFound(@ForAll @StringLength(max = 30) @Chars({' ', ',', '!', '🔥',
            'и', '»', '(', ')', '…', '#'}) String before,
            @ForAll @StringLength(max = 30) @Chars({' ', ',', '!', '🔥', 'и', '»', ')', '.', '…',
                    '?', '\''}) String after) {
        List<TextHosts.Found> found = TextHosts.extract(before + "borger.dk" + after);

        assertThat(found).extracting(f -> f.host().host()).containsExactly("borger.dk");
    }

    private static void assertHostsNormalise(List<TextHosts.Found> found) {
        assertThat(found).extracting(f -> f.host().host()).doesNotHaveDuplicates();
        for (TextHosts.Found f : found) {
            assertThat(HostNames.normalise(f.host().host()))
                    .as("host %s from %s reads back as itself", f.host(), f.raw())
                    .isInstanceOfSatisfying(HostReading.Read.class,
                            read -> assertThat(read.host()).isEqualTo(f.host()));
            assertThat(HostNames.normalise(f.raw()))
                    .as("raw %s reads as its host", f.raw())
                    .isInstanceOfSatisfying(HostReading.Read.class,
                            read -> assertThat(read.host()).isEqualTo(f.host()));
        }
    }
}
