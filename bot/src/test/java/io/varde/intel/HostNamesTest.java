package io.varde.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostNamesTest {

    @ParameterizedTest(name = "{0}: \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, nullValues = "-", textBlock = """
            clean host|skat.dk|skat.dk|skat.dk|skat.dk|-
            www kept in host, dropped in key|www.skat.dk|www.skat.dk|skat.dk|skat.dk|-
            sub-domain|selvbetjening.skat.dk|selvbetjening.skat.dk|selvbetjening.skat.dk|skat.dk|-
            upper case|WWW.Skat.DK|www.skat.dk|skat.dk|skat.dk|UPPER_CASE
            trailing dot|www.trm.dk.|www.trm.dk|trm.dk|trm.dk|TRAILING_DOT
            surrounding spaces|  borger.dk\t|borger.dk|borger.dk|borger.dk|TRIMMED
            host repeated after slash|www.cert.dk/www.cert.dk|www.cert.dk|cert.dk|cert.dk|REPEATED_HOST
            host repeated, no www|tv2.dk/tv2.dk|tv2.dk|tv2.dk|tv2.dk|REPEATED_HOST
            path after host|www.skat.dk/login?next=/|www.skat.dk|skat.dk|skat.dk|PATH
            trailing slash|aarhus.dk/|aarhus.dk|aarhus.dk|aarhus.dk|PATH
            URL in host field|https://www.odense.dk/borger/search?q=x#top|www.odense.dk|odense.dk|odense.dk|URL
            URL with port and user info|http://user:pw@WWW.Vejle.dk:8080/|www.vejle.dk|vejle.dk|vejle.dk|URL,USERINFO,PORT,UPPER_CASE
            scheme-relative URL|//horsens.dk/x|horsens.dk|horsens.dk|horsens.dk|URL
            host and port|www.dsb.dk:443|www.dsb.dk|dsb.dk|dsb.dk|PORT
            IDN Danish|ærø.dk|xn--r-3fa9c.dk|xn--r-3fa9c.dk|xn--r-3fa9c.dk|IDN
            IDN Danish with www and upper case|www.KØBENHAVN.dk|www.xn--kbenhavn-54a.dk|xn--kbenhavn-54a.dk|xn--kbenhavn-54a.dk|UPPER_CASE,IDN
            IDN Cyrillic .рф|президент.рф|xn--d1abbgf6aiiy.xn--p1ai|xn--d1abbgf6aiiy.xn--p1ai|xn--d1abbgf6aiiy.xn--p1ai|IDN
            IDN in a URL|https://www.ærø.dk/|www.xn--r-3fa9c.dk|xn--r-3fa9c.dk|xn--r-3fa9c.dk|URL,IDN
            punycode input kept|www.xn--tekhuikhu-7bbe.govt.nz|www.xn--tekhuikhu-7bbe.govt.nz|xn--tekhuikhu-7bbe.govt.nz|xn--tekhuikhu-7bbe.govt.nz|-
            gov.uk council|alnwick-tc.gov.uk|alnwick-tc.gov.uk|alnwick-tc.gov.uk|alnwick-tc.gov.uk|-
            gov.uk sub-domain|politics.leics.gov.uk|politics.leics.gov.uk|politics.leics.gov.uk|leics.gov.uk|-
            co.uk with www|www.rail.co.uk|www.rail.co.uk|rail.co.uk|rail.co.uk|-
            public suffix only|co.uk|co.uk|co.uk|-|-
            top-level domain only|dk|dk|dk|-|-
            unknown suffix|intranet.local|intranet.local|intranet.local|-|-
            www2 is not www|www2.telenet.be|www2.telenet.be|www2.telenet.be|telenet.be|-
            underscore label|_dmarc.borger.dk|_dmarc.borger.dk|_dmarc.borger.dk|borger.dk|-
            """)
    void readsHostNames(String name, String raw, String host, String key, String domain,
                        String fixes) {
        HostReading.Read read = read(raw.replace("\\t", "\t"));

        assertThat(read.host().host()).isEqualTo(host);
        assertThat(read.host().key()).isEqualTo(key);
        assertThat(read.host().registrableDomain()).isEqualTo(Optional.ofNullable(domain));
        assertThat(read.host().ip()).isFalse();
        assertThat(read.fixes()).isEqualTo(fixes(fixes));
    }

    @ParameterizedTest(name = "{0}: \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            IPv4|192.0.2.10|192.0.2.10|-
            IPv4 with port|192.0.2.10:80|192.0.2.10|PORT
            IPv4 in a URL|http://192.0.2.10/wp-login.php|192.0.2.10|URL
            IPv6 bare|2001:db8::1|2001:db8::1|-
            IPv6 in brackets|[2001:db8::1]|2001:db8::1|BRACKETS
            IPv6 in brackets with port|[2001:DB8::1]:443|2001:db8::1|BRACKETS,PORT,UPPER_CASE
            IPv6 long form shortened|2001:0db8:0000:0000:0000:0000:0000:0001|2001:db8::1|IPV6_FORM
            IPv6 in a URL|https://[2001:db8:0:0:1::1]/x|2001:db8::1:0:0:1|URL,BRACKETS,IPV6_FORM
            IPv6 loopback|::1|::1|-
            IPv4-mapped IPv6|::ffff:192.0.2.1|::ffff:192.0.2.1|-
            """)
    void readsIpLiterals(String name, String raw, String ip, String fixes) {
        HostReading.Read read = read(raw);

        assertThat(read.host().host()).isEqualTo(ip);
        assertThat(read.host().key()).isEqualTo(ip);
        assertThat(read.host().ip()).isTrue();
        assertThat(read.host().registrableDomain()).isEmpty();
        assertThat(read.fixes()).isEqualTo(fixes(fixes));
    }

    @ParameterizedTest(name = "{0}: \"{1}\" refused: {2}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, textBlock = """
            empty||empty
            only spaces|   |empty
            spaces inside|www.skat.dk www.toldst.dk|spaces inside
            non-breaking space inside|skat\u00a0dk|spaces inside
            invalid character|sk!at.dk|invalid character '!'
            control character|skat\u0001.dk|invalid character U+0001
            quote|"skat.dk"|invalid character '"'
            empty label|www..skat.dk|empty label
            leading dot|.skat.dk|empty label
            hyphen at label end|skat-.dk|label starts or ends with '-'
            label too long|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.dk|label too long (64 characters, at most 63)
            bad port|skat.dk:https|invalid port "https"
            port out of range|skat.dk:70000|invalid port "70000"
            IPv4 out of range|192.0.2.300|invalid IPv4 address
            IPv4 with leading zero|192.0.2.010|invalid IPv4 address
            bad IPv6|2001:db8::1::2|invalid IPv6 address
            IPv6 with zone|fe80::1%eth0|invalid IPv6 address
            unclosed bracket|[2001:db8::1|unclosed '['
            URL without host|https:///path|no host
            only a path|/search?q=1|no host
            """)
    void refusesWhatNamesNoHost(String name, String raw, String reason) {
        String given = raw == null ? "" : raw.replace("\\u00a0", "\u00a0").replace("\\u0001", "\u0001");

        HostReading reading = HostNames.normalise(given);

        assertThat(reading).isInstanceOfSatisfying(HostReading.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(reason));
    }

    @Test
    void refusesNamesLongerThan253Characters() {
        String label = "a".repeat(61);
        String name = String.join(".", label, label, label, label, "skat.dk");

        HostReading reading = HostNames.normalise(name);

        assertThat(reading).isInstanceOfSatisfying(HostReading.Refused.class, refused ->
                assertThat(refused.reason()).isEqualTo("too long (255 characters, at most 253)"));
        assertThat(HostNames.normalise(name.substring(2))).isInstanceOf(HostReading.Read.class);
    }

    @Test
    void nullIsRefusedAsEmpty() {
        assertThat(HostNames.normalise(null)).isEqualTo(new HostReading.Refused("", "empty"));
    }

    @Test
    void saysHowAHostWasRead() {
        assertThat(read("https://WWW.cert.dk./").howRead())
                .isEqualTo("URL in host field, trailing dot, upper case");
        assertThat(read("www.cert.dk/www.cert.dk").howRead()).isEqualTo("host repeated after '/'");
        assertThat(read("www.cert.dk").howRead()).isEqualTo("as given");
    }

    private static HostReading.Read read(String raw) {
        HostReading reading = HostNames.normalise(raw);
        assertThat(reading).isInstanceOf(HostReading.Read.class);
        return (HostReading.Read) reading;
    }

    private static List<Fix> fixes(String names) {
        return names == null ? List.of()
                : Arrays.stream(names.split(",")).map(Fix::valueOf).toList();
    }
}
