package io.varde.chat.discord;

import io.varde.command.CommandRequest;
import io.varde.command.Reply;
import io.varde.config.DiscordSettings;
import io.varde.notify.Notifier;
import io.varde.notify.Refusals;
import io.varde.notify.discord.DiscordNotifier;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything Discord, built from {@link DiscordSettings} in two steps like Slack: {@link #connect}
 * gives the {@link Notifier}, {@link #serve} logs the JDA gateway bot in (on a background thread,
 * trying again every {@value #RECONNECT_SECONDS} s while Discord cannot be reached, so Varde starts
 * anyway) with {@link DiscordListener} for {@code /varde}, buttons and autocomplete. JDA keeps the
 * gateway connection up itself once it is in. {@link #problems()} feeds {@code /readyz}.
 */
public final class DiscordBot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordBot.class);
    static final int RECONNECT_SECONDS = 30;
    private static final String GATEWAY = "gateway";

    private final DiscordSettings settings;
    private final Refusals refusals = new Refusals("discord");
    private final DiscordNotifier notifier;
    private final Clock clock;
    private volatile JDA jda;
    private volatile DiscordListener listener;
    private volatile boolean closed;

    private DiscordBot(DiscordSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.notifier = new DiscordNotifier(() -> jda, refusals, clock);
    }

    /** The notifier; alerts wait (transiently) until {@link #serve} has logged in. */
    public static DiscordBot connect(DiscordSettings settings, Clock clock) {
        LOG.info("event=discord_on api={} gateway={} guild={} default_channel={}", settings.apiUrl(),
                settings.gatewayUrl() == null ? "discord" : settings.gatewayUrl(), settings.guildId(),
                settings.defaultChannel());
        return new DiscordBot(settings, clock);
    }

    public Notifier notifier() {
        return notifier;
    }

    /**
     * Logs in and starts taking commands, button clicks and autocomplete requests.
     *
     * @param commands    runs a command
     * @param completions what autocomplete offers
     */
    public void serve(Function<CommandRequest, Reply> commands, Completions completions) {
        listener = new DiscordListener(settings.guildId(), commands, completions, clock);
        Thread login = new Thread(this::login, "varde-discord-login");
        login.setDaemon(true);
        login.start();
    }

    private void login() {
        while (!closed) {
            try {
                JDA connected = builder(settings).addEventListeners(listener).build();
                jda = connected;
                refusals.clear(GATEWAY);
                LOG.info("event=discord_logged_in user_id={}", connected.getSelfUser().getId());
                return;
            } catch (InvalidTokenException e) {
                refusals.report(Refusals.TOKEN, "invalid token", "Discord refuses DISCORD_BOT_TOKEN: reset the "
                        + "token in the Developer Portal (Bot) and set the new one", clock.instant());
                return;
            } catch (RuntimeException e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                refusals.report(GATEWAY, reason.replaceAll("\\s+", " "), "commands, buttons and alerts wait "
                        + "for it; check the network and VARDE_DISCORD_API_URL", clock.instant());
            }
            try {
                Thread.sleep(RECONNECT_SECONDS * 1000L);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * JDA for these settings: light (no member cache, no privileged intents), REST at
     * {@code VARDE_DISCORD_API_URL}, the gateway at {@code VARDE_DISCORD_GATEWAY_URL} when set
     * (uncompressed, so any gateway can speak plain JSON), no shutdown hook of its own.
     */
    static JDABuilder builder(DiscordSettings settings) {
        JDABuilder b = JDABuilder.createLight(settings.botToken(), List.of())
                .setRestConfig(new RestConfig().setBaseUrl(settings.apiUrl().toString()))
                .setEnableShutdownHook(false);
        if (settings.gatewayUrl() != null) {
            String gateway = settings.gatewayUrl().toString();
            b.setSessionController(new SessionControllerAdapter() {
                @Override
                public String getGateway() {
                    return gateway;
                }
            }).setCompression(Compression.NONE);
        }
        return b;
    }

    /**
     * What Discord refuses now, and the gateway while it is not connected (before the first login
     * too); empty when all is well.
     */
    public List<String> problems() {
        List<String> out = new ArrayList<>(refusals.problems());
        JDA bot = jda;
        if (bot == null && out.isEmpty()) {
            out.add("gateway: not logged in yet");
        } else if (bot != null && bot.getStatus() != JDA.Status.CONNECTED) {
            out.add("gateway: " + bot.getStatus());
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        if (listener != null) {
            listener.close();
        }
        JDA bot = jda;
        if (bot != null) {
            bot.shutdownNow();
            try {
                bot.awaitShutdown(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
