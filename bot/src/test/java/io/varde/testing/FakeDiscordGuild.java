package io.varde.testing;

import static io.varde.testing.FakeDiscord.APP_ID;
import static io.varde.testing.FakeDiscord.BOT_ID;
import static io.varde.testing.FakeDiscord.CHANNEL_ID;
import static io.varde.testing.FakeDiscord.GUILD_ID;
import static io.varde.testing.FakeDiscord.LEAD_ROLE;
import static io.varde.testing.FakeDiscord.LEAD_USER;
import static io.varde.testing.FakeDiscord.RESPONDER_ROLE;
import static io.varde.testing.FakeDiscord.RESPONDER_USER;
import static io.varde.testing.FakeDiscord.VIEWER_USER;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fake Discord's one guild as the gateway and REST API describe it: the bot, three human
 * members (a lead, a responder, a viewer without roles), two roles besides {@code @everyone}, and
 * its text channels: {@link FakeDiscord#CHANNEL_ID} (where interactions happen) and any more a
 * test asks for. Pure JSON building, no I/O; the shapes are those JDA 6.2 parses (READY lists
 * the guild as unavailable, GUILD_CREATE then carries everything, roles with both {@code color}
 * and {@code colors}, {@code afk_timeout} one of Discord's allowed values).
 */
final class FakeDiscordGuild {

    /** Every permission bit Discord defines today, as the administrator-like bot holds them. */
    static final String ALL_PERMISSIONS = "2251799813685247";
    /** View channel, send messages, embed links, read history, use application commands. */
    static final String MEMBER_PERMISSIONS = "2147568640";
    static final String CHANNEL_NAME = "alerts";
    static final String JOINED_AT = "2025-01-01T00:00:00.000000+00:00";

    private static final Map<String, String> NAMES = Map.of(BOT_ID, "varde", LEAD_USER, "lead",
            RESPONDER_USER, "responder", VIEWER_USER, "viewer");
    private static final Map<String, List<String>> ROLES = Map.of(BOT_ID, List.of(), LEAD_USER, List.of(LEAD_ROLE),
            RESPONDER_USER, List.of(RESPONDER_ROLE), VIEWER_USER, List.of());

    private final ObjectMapper json;
    /** The text channels, {@link FakeDiscord#CHANNEL_ID} first. */
    private final List<String> channelIds;

    FakeDiscordGuild(ObjectMapper json) {
        this(json, List.of());
    }

    /** A guild with {@link FakeDiscord#CHANNEL_ID} and the text channels {@code moreChannelIds}. */
    FakeDiscordGuild(ObjectMapper json, List<String> moreChannelIds) {
        this.json = json;
        List<String> ids = new ArrayList<>(List.of(CHANNEL_ID));
        moreChannelIds.stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        this.channelIds = List.copyOf(ids);
    }

    /** Whether {@code channelId} is one of the guild's text channels. */
    boolean hasChannel(String channelId) {
        return channelIds.contains(channelId);
    }

    /** Whether {@code userId} is a member of the guild (the bot or one of the three users). */
    static boolean isMember(String userId) {
        return NAMES.containsKey(userId);
    }

    /** A user object as Discord sends it ({@code discriminator} "0" for the new usernames). */
    ObjectNode user(String id) {
        String name = NAMES.getOrDefault(id, "user-" + id);
        ObjectNode user = json.createObjectNode().put("id", id).put("username", name).put("discriminator", "0")
                .put("global_name", name).putNull("avatar").put("public_flags", 0).put("flags", 0)
                .put("bot", id.equals(BOT_ID));
        user.putNull("banner").putNull("accent_color").putNull("avatar_decoration_data");
        return user;
    }

    /** The bot as {@code GET users/@me} answers it. */
    ObjectNode self() {
        return user(BOT_ID).put("verified", true).put("mfa_enabled", false).putNull("locale");
    }

    /** A guild member object: the user, its role ids, join time; {@code permissions} only in interactions. */
    ObjectNode member(String userId, String permissions) {
        ObjectNode member = json.createObjectNode();
        member.set("user", user(userId));
        ArrayNode roles = member.putArray("roles");
        ROLES.getOrDefault(userId, List.of()).forEach(roles::add);
        member.putNull("nick").putNull("avatar").put("joined_at", JOINED_AT).putNull("premium_since")
                .put("deaf", false).put("mute", false).put("pending", false).put("flags", 0)
                .putNull("communication_disabled_until");
        if (permissions != null) {
            member.put("permissions", permissions);
        }
        return member;
    }

    /** The guild's text channel; {@code full} adds what GUILD_CREATE carries beyond an interaction's partial channel. */
    ObjectNode channel(boolean full) {
        return channel(0, full);
    }

    /** Text channel number {@code n} ({@link FakeDiscord#CHANNEL_ID} is 0, named {@value #CHANNEL_NAME}). */
    private ObjectNode channel(int n, boolean full) {
        ObjectNode channel = json.createObjectNode().put("id", channelIds.get(n)).put("type", 0)
                .put("guild_id", GUILD_ID).put("name", n == 0 ? CHANNEL_NAME : CHANNEL_NAME + "-" + n)
                .put("position", n).putNull("parent_id").put("nsfw", false)
                .putNull("topic").put("rate_limit_per_user", 0).put("flags", 0).putNull("last_message_id");
        if (full) {
            channel.putArray("permission_overwrites");
        } else {
            channel.put("permissions", ALL_PERMISSIONS);
        }
        return channel;
    }

    /** The READY dispatch's data: the bot, the guild as unavailable (GUILD_CREATE follows), a session. */
    ObjectNode ready(String sessionId, String resumeUrl) {
        ObjectNode ready = json.createObjectNode().put("v", 10);
        ready.set("user", self());
        ready.putArray("guilds").addObject().put("id", GUILD_ID).put("unavailable", true);
        ready.putArray("private_channels");
        ready.putArray("relationships");
        ready.put("session_id", sessionId).put("session_type", "normal").put("resume_gateway_url", resumeUrl);
        ready.putObject("application").put("id", APP_ID).put("flags", 0);
        ready.putArray("_trace").add("fake-discord");
        return ready;
    }

    /** The GUILD_CREATE dispatch's data: the whole guild, the bot its owner. */
    ObjectNode guildCreate() {
        ObjectNode guild = json.createObjectNode().put("id", GUILD_ID).put("name", "Varde Test")
                .putNull("icon").putNull("splash").putNull("banner").putNull("description")
                .put("owner_id", BOT_ID).put("afk_timeout", 300).putNull("afk_channel_id")
                .put("verification_level", 0).put("default_message_notifications", 0)
                .put("explicit_content_filter", 0).put("mfa_level", 0).put("nsfw_level", 0)
                .put("premium_tier", 0).put("premium_subscription_count", 0).put("premium_progress_bar_enabled", false)
                .putNull("system_channel_id").put("system_channel_flags", 0).putNull("rules_channel_id")
                .putNull("public_updates_channel_id").putNull("safety_alerts_channel_id")
                .putNull("vanity_url_code").put("preferred_locale", "en-US").put("max_members", 500000)
                .put("large", false).put("unavailable", false).put("lazy", true).put("joined_at", JOINED_AT)
                .put("member_count", NAMES.size()).putNull("application_id").put("max_video_channel_users", 25);
        guild.putArray("features");
        ArrayNode roles = guild.putArray("roles");
        roles.add(role(GUILD_ID, "@everyone", 0, MEMBER_PERMISSIONS));
        roles.add(role(RESPONDER_ROLE, "responder", 1, MEMBER_PERMISSIONS));
        roles.add(role(LEAD_ROLE, "lead", 2, MEMBER_PERMISSIONS));
        ArrayNode channels = guild.putArray("channels");
        for (int n = 0; n < channelIds.size(); n++) {
            channels.add(channel(n, true));
        }
        ArrayNode members = guild.putArray("members");
        for (String id : List.of(BOT_ID, LEAD_USER, RESPONDER_USER, VIEWER_USER)) {
            members.add(member(id, null));
        }
        for (String empty : List.of("emojis", "stickers", "voice_states", "presences", "threads",
                "stage_instances", "guild_scheduled_events", "soundboard_sounds", "embedded_activities")) {
            guild.putArray(empty);
        }
        return guild;
    }

    private ObjectNode role(String id, String name, int position, String permissions) {
        ObjectNode role = json.createObjectNode().put("id", id).put("name", name).put("color", 0)
                .put("hoist", false).putNull("icon").putNull("unicode_emoji").put("position", position)
                .put("permissions", permissions).put("managed", false).put("mentionable", false).put("flags", 0);
        role.putObject("colors").put("primary_color", 0).putNull("secondary_color").putNull("tertiary_color");
        return role;
    }
}
