package io.varde.intel;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** Whatever a task list or a claim puts in a host field, reading it never throws. */
class HostNamesPropertiesTest {

    @Property(tries = 2000)
    void anyTextIsReadOrRefusedWithAReason(@ForAll @StringLength(max = 80) String raw) {
        assertReadOrRefused(HostNames.normalise(raw));
    }

    @Property(tries = 2000)
    void hostLikeTextIsReadOrRefusedWithAReason(
            @ForAll @StringLength(max = 40) @Chars({'a', 'Z', '0', '9', '.', '-', '_', ':', '/',
                    '[', ']', '@', '%', 'x', 'n', 'ø', 'д', '。', ' '}) String raw) {
        HostReading reading = HostNames.normalise(raw);

        assertReadOrRefused(reading);
        if (reading instanceof HostReading.Read read) {
            assertThat(HostNames.normalise(read.host().host()))
                    .as("a read host reads back as itself")
                    .isInstanceOfSatisfying(HostReading.Read.class,
                            again -> assertThat(again.host()).isEqualTo(read.host()));
        }
    }

    private static void assertReadOrRefused(HostReading reading) {
        if (reading instanceof HostReading.Refused refused) {
            assertThat(refused.reason()).isNotBlank();
        } else {
            HostName host = ((HostReading.Read) reading).host();
            assertThat(host.host()).isNotBlank().isLowerCase();
            assertThat(host.host().chars()).allMatch(c -> c < 128);
        }
    }
}
