package io.varde.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.varde.intel.ClaimMatch;
import io.varde.intel.IntelIntake;
import io.varde.intel.IntelSources;
import io.varde.intel.RawClaim;
import io.varde.intel.StoredClaim;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/claims}: claims pushed by a partner, a scraper or a script, on when
 * {@code VARDE_CLAIMS_TOKEN} is set. In order, each step refusing before anything more is read:
 * the bearer token (401), the declared length (413), the content type (415), the body read up to
 * {@value #MAX_BODY} bytes (413; 400 when it ends early or stalls), the JSON and every claim in it
 * ({@link ClaimsBody}, 400: wrong shapes and types, hosts that name no host, a {@code claimed_at}
 * out of bounds, a reserved {@code source}). Only
 * when all claims of the body are valid are they handed to the intake, one by one, in strict mode;
 * then 201, or 200 when every one was stored before (same {@code source} and {@code id}).
 *
 * <p>All-or-nothing holds for input: a refused body stores nothing. A database failure halfway
 * through an array can still leave the first claims stored (500); a retry with the same ids
 * stores the rest and reports the first as duplicates.
 */
public final class ClaimsEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimsEndpoint.class);

    public static final String PATH = "/api/claims";
    public static final String TOKEN_VARIABLE = "VARDE_CLAIMS_TOKEN";
    public static final int MAX_BODY = 64 * 1024;

    /** The intel intake's claim method ({@link IntelIntake#claim}); a function so tests can wrap it. */
    @FunctionalInterface
    public interface Intake {
        IntelIntake.Receipt claim(RawClaim raw, boolean strict);
    }

    private final byte[] tokenDigest;
    private final ClaimsBody.Reserved reserved;
    private final Intake intake;
    private final Clock clock;

    /**
     * @param token   the bearer token callers must send; kept only as its SHA-256 digest
     * @param sources the polled intel sources, whose names callers may not take as their
     *                {@code source} (nor the built-in names, see {@code ClaimsBody.Reserved})
     */
    public ClaimsEndpoint(String token, IntelSources sources, Intake intake, Clock clock) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(TOKEN_VARIABLE + " is blank");
        }
        this.tokenDigest = sha256(token.strip());
        this.reserved = ClaimsBody.Reserved.of(sources);
        this.intake = intake;
        this.clock = clock;
    }

    /**
     * The webhook's route when {@code VARDE_CLAIMS_TOKEN} is set (not blank), else none (a POST
     * then answers 405, allowing only the read API's GET), saying which in the log.
     */
    public static List<Route> routes(Map<String, String> env, IntelSources sources, Intake intake, Clock clock) {
        String token = env.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            LOG.info("event=claims_webhook_off message=\"claims webhook off: {} not set\"", TOKEN_VARIABLE);
            return List.of();
        }
        LOG.info("event=claims_webhook_on path={}", PATH);
        return List.of(new ClaimsEndpoint(token, sources, intake, clock).route());
    }

    public Route route() {
        return Route.post(PATH, this::handle);
    }

    Response handle(Request request) {
        Optional<Response> refused = authorize(request.header("Authorization"));
        if (refused.isPresent()) {
            return refused.get();
        }
        if (request.contentLength().orElse(0) > MAX_BODY) {
            return tooLarge();
        }
        String type = request.header("Content-Type").orElse("");
        if (!json(type)) {
            return refuse(415, "Content-Type must be application/json (UTF-8), not "
                    + (type.isBlank() ? "missing" : JsonFields.quote(type)));
        }
        byte[] body;
        try {
            body = request.body().readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            return refuse(400, "body could not be read: the connection ended or stalled before the body was complete");
        }
        if (body.length > MAX_BODY) {
            return tooLarge();
        }
        Instant now = clock.instant();
        ClaimsBody.Parsed parsed;
        try {
            parsed = ClaimsBody.read(body, now, reserved);
        } catch (ClaimsBody.Invalid e) {
            return refuse(400, e.getMessage());
        }
        return store(parsed);
    }

    private Optional<Response> authorize(Optional<String> header) {
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.of(unauthorized("missing bearer token: send Authorization: Bearer <token>"));
        }
        String value = header.get().strip();
        int space = value.indexOf(' ');
        if (space < 0 && value.equalsIgnoreCase("Bearer")) {
            return Optional.of(unauthorized("missing bearer token: send Authorization: Bearer <token>"));
        }
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
            return Optional.of(unauthorized("Authorization must use the Bearer scheme"));
        }
        byte[] given = sha256(value.substring(space + 1).strip());
        if (!MessageDigest.isEqual(tokenDigest, given)) {
            return Optional.of(unauthorized("wrong bearer token"));
        }
        return Optional.empty();
    }

    private Response store(ClaimsBody.Parsed parsed) {
        ArrayNode results = WebJson.MAPPER.createArrayNode();
        int fresh = 0;
        for (RawClaim raw : parsed.claims()) {
            IntelIntake.Receipt receipt = intake.claim(raw, true);
            StoredClaim stored = receipt.claim().orElseThrow(() -> new IllegalStateException(
                    "the intake refused a claim the webhook had read: " + receipt.refused()));
            fresh += receipt.duplicate() ? 0 : 1;
            results.add(result(stored, receipt.duplicate()));
        }
        LOG.info("event=claims_received claims={} new={} duplicate={}", parsed.claims().size(), fresh,
                parsed.claims().size() - fresh);
        JsonNode body = parsed.array() ? results : results.get(0);
        return Response.json(fresh == 0 ? 200 : 201, body);
    }

    private static ObjectNode result(StoredClaim stored, boolean duplicate) {
        ObjectNode out = WebJson.MAPPER.createObjectNode();
        out.put("claim", stored.ref());
        out.put("duplicate", duplicate);
        ArrayNode targets = out.putArray("targets");
        for (ClaimMatch m : stored.matches()) {
            targets.addObject().put("target", m.targetId()).put("host", m.host())
                    .put("reason", m.reason().name()).put("detail", m.detail());
        }
        return out;
    }

    /** {@code application/json}, with parameters allowed; a charset other than UTF-8 is not. */
    static boolean json(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv[0].strip().equalsIgnoreCase("charset") && kv.length == 2
                    && !kv[1].strip().replace("\"", "").toLowerCase(Locale.ROOT).equals("utf-8")) {
                return false;
            }
        }
        return true;
    }

    private static Response unauthorized(String message) {
        return refuse(401, message).withHeader("WWW-Authenticate", "Bearer");
    }

    private static Response tooLarge() {
        return refuse(413, "body larger than " + MAX_BODY + " bytes (64 KiB); send fewer claims per request");
    }

    private static Response refuse(int status, String message) {
        LOG.info("event=claims_refused status={} reason=\"{}\"", status, message.replace('"', '\''));
        return Response.error(status, message);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
