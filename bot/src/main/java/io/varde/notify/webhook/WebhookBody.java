package io.varde.notify.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.varde.core.Card;
import io.varde.incident.Incident;
import io.varde.incident.OutboxMessage;
import io.varde.notify.Delivery;
import java.io.UncheckedIOException;

/**
 * The JSON a webhook receives, one object per message:
 * <pre>
 * {"key": "INC-3/webhook:duty/r1", "incident": "INC-3", "revision": 1,
 *  "channel": "webhook:duty", "title": "borger.dk is DOWN", "severity": "CRITICAL",
 *  "fields": [{"name": "Targets", "value": "borger-dk"}], "lines": ["..."],
 *  "change": "opened", "changes": ["opened"], "mentions": ["slack-group:S0LEADS"],
 *  "buttons": [{"label": "Acknowledge", "command": "ack INC-3", "style": "PRIMARY"}]}
 * </pre>
 * {@code key} is also sent as the {@code Idempotency-Key} header: a receiver that sees it twice
 * has the same message twice (the outbox delivers at least once).
 */
final class WebhookBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookBody() {
    }

    /** One revision alone as UTF-8 JSON. */
    static byte[] of(OutboxMessage m) {
        return of(new Delivery(m, "", null));
    }

    /**
     * {@code d} as UTF-8 JSON: its newest revision, {@code change} the revision's own line,
     * {@code changes} the lines of every revision it covers that are due (member changes as one
     * digest), {@code mentions} those of all of them.
     */
    static byte[] of(Delivery d) {
        OutboxMessage m = d.message();
        Card card = m.card();
        ObjectNode root = JSON.createObjectNode()
                .put("key", m.key())
                .put("incident", Incident.id(m.incident()))
                .put("revision", m.revision())
                .put("channel", m.channel())
                .put("title", card.title())
                .put("severity", card.severity().name());
        ArrayNode fields = root.putArray("fields");
        for (Card.Field f : card.fields()) {
            fields.addObject().put("name", f.name()).put("value", f.value());
        }
        ArrayNode lines = root.putArray("lines");
        card.lines().forEach(lines::add);
        root.put("change", m.change());
        ArrayNode changes = root.putArray("changes");
        d.lines().forEach(changes::add);
        ArrayNode mentions = root.putArray("mentions");
        d.mentions().forEach(mentions::add);
        ArrayNode buttons = root.putArray("buttons");
        for (Card.Button b : card.buttons()) {
            buttons.addObject().put("label", b.label()).put("command", b.command())
                    .put("style", b.style().name());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
