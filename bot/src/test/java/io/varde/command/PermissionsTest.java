package io.varde.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.incident.Role;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Command x role: allowed, or which role is missing. */
class PermissionsTest {

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @CsvSource({
        "status,           NONE,      VIEWER",
        "status,           VIEWER,    allowed",
        "status,           LEAD,      allowed",
        "incidents all,    NONE,      VIEWER",
        "incidents all,    VIEWER,    allowed",
        "help,             NONE,      VIEWER",
        "help,             RESPONDER, allowed",
        "claims,           NONE,      VIEWER",
        "claims 2h,        VIEWER,    allowed",
        "claim trm.dk,     VIEWER,    RESPONDER",
        "claim trm.dk,     RESPONDER, allowed",
        "claim trm.dk,     LEAD,      allowed",
        "ack INC-1,        NONE,      RESPONDER",
        "ack INC-1,        VIEWER,    RESPONDER",
        "ack INC-1,        RESPONDER, allowed",
        "ack INC-1,        LEAD,      allowed",
        "mute INC-1 1h,    VIEWER,    LEAD",
        "mute INC-1 1h,    RESPONDER, LEAD",
        "mute INC-1 1h,    LEAD,      allowed",
        "unmute M-1,       RESPONDER, LEAD",
        "unmute M-1,       LEAD,      allowed",
        "escalate INC-1,   RESPONDER, LEAD",
        "escalate INC-1,   LEAD,      allowed",
        "resolve INC-1,    VIEWER,    LEAD",
        "resolve INC-1,    RESPONDER, LEAD",
        "resolve INC-1,    LEAD,      allowed"
    })
    void tellsWhichRoleIsMissing(String words, Role has, String expected) {
        Command command = ((ParseResult.Parsed) CommandParser.parse(words)).command();

        Optional<Role> missing = Permissions.missing(command, has);

        assertThat(missing).isEqualTo(expected.equals("allowed")
                ? Optional.empty() : Optional.of(Role.valueOf(expected)));
    }
}
