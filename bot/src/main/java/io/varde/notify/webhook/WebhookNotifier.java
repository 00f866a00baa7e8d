package io.varde.notify.webhook;

import io.varde.incident.TeamConfig.Webhook;
import io.varde.notify.Delivery;
import io.varde.notify.DeliveryException;
import io.varde.notify.Notifier;
import io.varde.core.RetryAfter;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Outgoing webhooks: POSTs each message to the webhook named by its channel
 * ({@code webhook:duty} goes to the webhook {@code duty} of the team file) as {@link WebhookBody
 * JSON}, with an {@code Idempotency-Key} header and the webhook's configured headers.
 * <p>
 * Outcomes, classified here for the delivery worker: 2xx is delivered (the message ref is the
 * idempotency key: a webhook has no message to edit); 429 and 5xx are transient, honouring
 * Retry-After; timeouts (10 s) and connection errors are transient; any other status, an unknown
 * webhook name, or a URL or header the HTTP client refuses is permanent. Error texts name the
 * webhook and the status, never its URL or headers, which may carry tokens.
 */
public final class WebhookNotifier implements Notifier {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Webhook> webhooks;
    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    /**
     * @param webhooks the team file's webhooks by name
     * @param client   shared; its redirect and proxy settings apply
     */
    public WebhookNotifier(Map<String, Webhook> webhooks, HttpClient client) {
        this(webhooks, client, TIMEOUT, Clock.systemUTC());
    }

    /** With another timeout and clock (Retry-After dates are read against it), for tests. */
    WebhookNotifier(Map<String, Webhook> webhooks, HttpClient client, Duration timeout, Clock clock) {
        this.webhooks = Map.copyOf(webhooks);
        this.client = client;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public String send(Delivery delivery) throws DeliveryException {
        String name = delivery.destination();
        Webhook webhook = webhooks.get(name);
        if (webhook == null) {
            throw DeliveryException.permanentFailure("unknown webhook " + name, null);
        }
        HttpResponse<Void> response;
        try {
            response = client.send(request(webhook, delivery), HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw DeliveryException.transientFailure(
                    "webhook " + name + ": no answer within " + timeout.toSeconds() + "s", null, e);
        } catch (IOException e) {
            throw DeliveryException.transientFailure(
                    "webhook " + name + ": " + e.getClass().getSimpleName(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.transientFailure("webhook " + name + ": interrupted", null, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return delivery.key();
        }
        String error = "webhook " + name + ": HTTP " + status;
        if (status == 429 || status >= 500) {
            Duration retryAfter = RetryAfter.parse(
                    response.headers().firstValue("Retry-After").orElse(null), clock.instant());
            throw DeliveryException.transientFailure(error, retryAfter, null);
        }
        throw DeliveryException.permanentFailure(error, null);
    }

    private HttpRequest request(Webhook webhook, Delivery delivery) throws DeliveryException {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(webhook.url()).timeout(timeout);
            webhook.headers().forEach(builder::setHeader);
            return builder
                    .setHeader("Content-Type", "application/json")
                    .setHeader("Idempotency-Key", delivery.key())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(WebhookBody.of(delivery)))
                    .build();
        } catch (IllegalArgumentException e) {
            throw DeliveryException.permanentFailure("webhook " + webhook.name()
                    + ": the HTTP client refuses its URL or one of its headers", e);
        }
    }
}
