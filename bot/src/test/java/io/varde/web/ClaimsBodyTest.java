package io.varde.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.varde.intel.RawClaim;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ClaimsBody} alone: the bounds of {@code claimed_at} around the time a claim is received,
 * and the source names reserved for Varde's own sources, with the exact messages a caller gets.
 */
class ClaimsBodyTest {

    static final Instant RECEIVED = Instant.parse("2025-11-13T08:00:00Z");
    static final ClaimsBody.Reserved RESERVED = new ClaimsBody.Reserved(List.of("ddosia", "noname-telegram"));
    static final String RESERVED_LIST = "reserved: task-list, feed, manual, varde, ddosia, noname-telegram, and any"
            + " name ending in (slack), (discord), (cli) (chat claims). Leave source out for \"webhook\"";

    private static ClaimsBody.Parsed read(String json) throws ClaimsBody.Invalid {
        return ClaimsBody.read(json.getBytes(StandardCharsets.UTF_8), RECEIVED, RESERVED);
    }

    private static RawClaim claimedAt(String time) throws ClaimsBody.Invalid {
        return read("{\"host\": \"www.trm.dk\", \"claimed_at\": \"" + time + "\"}").claims().get(0);
    }

    private static String refusal(String json) {
        try {
            read(json);
        } catch (ClaimsBody.Invalid e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + json);
    }

    private static String claimedAtRefusal(String time) {
        return refusal("{\"host\": \"www.trm.dk\", \"claimed_at\": \"" + time + "\"}");
    }

    // --- claimed_at -------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
        "2025-11-13T08:05:00Z, 2025-11-13T08:05:00Z",
        "2025-10-14T08:00:00Z, 2025-10-14T08:00:00Z",
        "2025-11-13T08:00:00Z, 2025-11-13T08:00:00Z",
        "2025-11-13T09:04:59+01:00, 2025-11-13T08:04:59Z",
        "2025-11-12T23:59:59.999Z, 2025-11-12T23:59:59.999Z"})
    void aTimeWithinFiveMinutesAheadAndThirtyDaysBackIsTaken(String given, String stored) throws Exception {
        assertThat(claimedAt(given).claimedAt()).isEqualTo(Instant.parse(stored));
    }

    @Test
    void noTimeMeansWhenReceivedLater() throws Exception {
        RawClaim claim = read("{\"host\": \"www.trm.dk\"}").claims().get(0);

        assertThat(claim.claimedAt()).isNull();
        assertThat(claim.observedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void aSecondMoreThanFiveMinutesAheadIsRefusedNamingTheBound() {
        assertThat(claimedAtRefusal("2025-11-13T08:05:01Z")).isEqualTo("claimed_at: \"2025-11-13T08:05:01Z\" is more"
                + " than 5 minutes after the claim was received (2025-11-13T08:00:00Z); check the sender's clock");
    }

    @Test
    void aSecondMoreThanThirtyDaysBackIsRefusedNamingTheBound() {
        assertThat(claimedAtRefusal("2025-10-14T07:59:59Z")).isEqualTo("claimed_at: \"2025-10-14T07:59:59Z\" is more"
                + " than 30 days before the claim was received (2025-11-13T08:00:00Z); older claims are not taken");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "1970-01-01T00:00:00Z"})
    void absurdlyOldTimesAreRefusedAsTooOld(String time) {
        assertThat(claimedAtRefusal(time)).isEqualTo("claimed_at: \"" + time + "\" is more than 30 days before"
                + " the claim was received (2025-11-13T08:00:00Z); older claims are not taken");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "+1000000000-12-31T23:59:59Z", "2026-11-13T08:00:00Z"})
    void absurdlyLateTimesAreRefusedAsAhead(String time) {
        assertThat(claimedAtRefusal(time)).isEqualTo("claimed_at: \"" + time + "\" is more than 5 minutes after"
                + " the claim was received (2025-11-13T08:00:00Z); check the sender's clock");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-13-45T08:00:00Z", "2025-11-13T08:00:00", "+1000000001-01-01T00:00:00Z",
        "2025-11-13", "yesterday", "99999999999999999999", ""})
    void whatIsNoInstantIsRefusedAsSuch(String time) {
        assertThat(claimedAtRefusal(time)).isEqualTo("claimed_at: \"" + time
                + "\" is not an ISO-8601 instant such as 2025-11-13T08:00:00Z");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1763020800 | number", "1.7e9 | number", "1e999999 | number", "true | boolean", "[] | array",
        "{} | object"})
    void aTimeThatIsNoStringIsRefusedByItsType(String json, String kind) {
        assertThat(refusal("{\"host\": \"www.trm.dk\", \"claimed_at\": " + json + "}"))
                .isEqualTo("claimed_at: must be a string, not " + kind);
    }

    @Test
    void inAnArrayTheBoundNamesTheClaim() {
        assertThat(refusal("[{\"host\": \"www.trm.dk\"}, {\"host\": \"www.trm.dk\", \"claimed_at\": \"2024-01-01T00:00:00Z\"}]"))
                .isEqualTo("claims[1].claimed_at: \"2024-01-01T00:00:00Z\" is more than 30 days before the claim"
                        + " was received (2025-11-13T08:00:00Z); older claims are not taken");
    }

    // --- source -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"task-list", "feed", "manual", "varde", "ddosia", "noname-telegram", "DDoSIA", " Feed ",
        "\uff44\uff44\uff4f\uff53\uff49\uff41", "alice (slack)", "Bob (Discord)", "root(cli)", "ops ( slack )",
        "(slack)"})
    void aReservedSourceIsRefusedWithTheReservedNames(String source) {
        assertThat(refusal("{\"host\": \"www.trm.dk\", \"source\": \"" + source + "\"}"))
                .isEqualTo("source: \"" + source + "\" is the name of one of Varde's own sources; " + RESERVED_LIST);
    }

    @Test
    void withoutPolledSourcesOnlyTheBuiltInNamesAreReserved() throws Exception {
        String body = "{\"host\": \"www.trm.dk\", \"source\": \"ddosia\"}";
        assertThat(ClaimsBody.read(body.getBytes(StandardCharsets.UTF_8), RECEIVED, ClaimsBody.Reserved.BUILT_IN)
                .claims().get(0).sourceName()).isEqualTo("ddosia");
        assertThatThrownBy(() -> ClaimsBody.read("{\"host\": \"www.trm.dk\", \"source\": \"manual\"}"
                .getBytes(StandardCharsets.UTF_8), RECEIVED, ClaimsBody.Reserved.BUILT_IN))
                .hasMessage("source: \"manual\" is the name of one of Varde's own sources; reserved: task-list, feed,"
                        + " manual, varde, and any name ending in (slack), (discord), (cli) (chat claims). Leave source"
                        + " out for \"webhook\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "partner-cert | partner-cert", "' CERT.dk ' | CERT.dk", "webhook | webhook", "WebHook | webhook",
        "' webhook ' | webhook", "ddosia-partner | ddosia-partner", "slack | slack", "discord bridge | discord bridge",
        "alice (slack) mirror | alice (slack) mirror", "ФСБ-watch | ФСБ-watch"})
    void otherSourcesAreTakenStrippedAndWebhookInAnyCaseIsTheDefault(String given, String stored) throws Exception {
        assertThat(read("{\"host\": \"www.trm.dk\", \"source\": \"" + given + "\"}").claims().get(0).sourceName())
                .isEqualTo(stored);
    }

    @Test
    void noSourceIsTheDefault() throws Exception {
        assertThat(read("{\"host\": \"www.trm.dk\"}").claims().get(0).sourceName()).isEqualTo("webhook");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ddosia\\u200b | U+200B at character 7", "\\u0000ddosia | U+0000 at character 1",
        "partner\\ncert | U+000A at character 8", "\\u202eatreb | U+202E at character 1"})
    void aSourceWithAControlOrFormatCharacterIsRefused(String escaped, String where) {
        String message = refusal("{\"host\": \"www.trm.dk\", \"source\": \"" + escaped + "\"}");

        assertThat(message).startsWith("source: \"").endsWith("\" holds a control or format character (" + where + ")");
    }
}
