package io.socialwire.channels.x;

import static io.socialwire.webhook.JsonFields.optionalText;
import static io.socialwire.webhook.JsonFields.requireObject;
import static io.socialwire.webhook.JsonFields.requireText;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.model.Author;
import io.socialwire.model.SocialInteraction;
import io.socialwire.webhook.JsonFields;
import io.socialwire.webhook.WebhookRejectedException;

/**
 * X Account Activity deliveries: {@code tweet_create_events} (mentions of and replies to the subscribed account)
 * and {@code direct_message_events}. Events the subscribed account itself created are skipped. Account Activity
 * tweets carry no conversation id, so a reply's conversation is the tweet it answers.
 */
public class XActivityNormalizer {

    static final DateTimeFormatter TWITTER_TIME = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy",
            Locale.ROOT);

    private final ObjectMapper json;

    public XActivityNormalizer(ObjectMapper json) {
        this.json = json;
    }

    public List<SocialInteraction> normalize(byte[] body, Instant receivedAt) {
        JsonNode root = JsonFields.parseObject(json, body);
        String forUser = requireText(root, "for_user_id", "$");
        List<SocialInteraction> result = new ArrayList<>();
        JsonNode tweets = root.path("tweet_create_events");
        JsonNode messages = root.path("direct_message_events");
        JsonNode deletes = root.path("tweet_delete_events");
        if (!deletes.isMissingNode() && !deletes.isArray()) {
            throw WebhookRejectedException.badRequest("$.tweet_delete_events must be an array");
        }
        for (int i = 0; i < deletes.size(); i++) {
            result.add(deletion(deletes.get(i), "$.tweet_delete_events[" + i + "]", receivedAt));
        }
        if (!tweets.isArray() && !messages.isArray()) {
            return result; // favorites, follows...: no conversation to record
        }
        for (int i = 0; i < tweets.size(); i++) {
            SocialInteraction tweet = tweet(tweets.get(i), "$.tweet_create_events[" + i + "]", forUser, receivedAt);
            if (tweet != null) {
                result.add(tweet);
            }
        }
        for (int i = 0; i < messages.size(); i++) {
            SocialInteraction dm = message(root, messages.get(i), "$.direct_message_events[" + i + "]", forUser,
                    receivedAt);
            if (dm != null) {
                result.add(dm);
            }
        }
        return result;
    }

    private SocialInteraction tweet(JsonNode tweet, String path, String forUser, Instant receivedAt) {
        if (!tweet.isObject()) {
            throw WebhookRejectedException.badRequest(path + " must be an object");
        }
        String id = requireText(tweet, "id_str", path);
        JsonNode user = requireObject(tweet, "user", path);
        String userId = requireText(user, "id_str", path + ".user");
        if (userId.equals(forUser)) {
            return null;
        }
        String handle = requireText(user, "screen_name", path + ".user");
        String text = tweet.path("extended_tweet").hasNonNull("full_text")
                ? tweet.path("extended_tweet").path("full_text").asText()
                : requireText(tweet, "text", path);
        String parent = optionalText(tweet, "in_reply_to_status_id_str", path);
        Author author = new Author(userId, handle, optionalText(user, "name", path + ".user"),
                "https://x.com/" + handle, user.path("followers_count").isNumber()
                ? user.get("followers_count").asLong() : null,
                user.path("verified").isBoolean() ? user.get("verified").asBoolean() : null);
        return new SocialInteraction(SocialInteraction.idFor("x", id), "x", parent != null ? "reply" : "mention",
                id, SocialInteraction.idFor("x", parent != null ? parent : id),
                parent == null ? null : SocialInteraction.idFor("x", parent), "https://x.com/" + handle + "/status/" + id,
                time(tweet, path, receivedAt), text, optionalText(tweet, "lang", path), author, null, null, null);
    }

    /**
     * A post its author deleted: an interaction of kind {@code delete} naming the deleted post in
     * {@code inReplyToId}; dispatch redacts the post wherever it was copied instead of routing it.
     */
    private SocialInteraction deletion(JsonNode event, String path, Instant receivedAt) {
        if (!event.isObject()) {
            throw WebhookRejectedException.badRequest(path + " must be an object");
        }
        JsonNode status = requireObject(event, "status", path);
        String id = requireText(status, "id", path + ".status");
        String userId = optionalText(status, "user_id", path + ".status");
        String key = "x:delete:" + id;
        return new SocialInteraction(key, "x", SocialInteraction.DELETE, id, key, SocialInteraction.idFor("x", id),
                null, receivedAt, null, null, userId == null ? null : new Author(userId, null, null, null, null, null),
                null, null, null);
    }

    private SocialInteraction message(JsonNode root, JsonNode event, String path, String forUser, Instant receivedAt) {
        if (!event.isObject()) {
            throw WebhookRejectedException.badRequest(path + " must be an object");
        }
        if (!"message_create".equals(event.path("type").asText())) {
            return null;
        }
        String id = requireText(event, "id", path);
        JsonNode create = requireObject(event, "message_create", path);
        String sender = requireText(create, "sender_id", path + ".message_create");
        if (sender.equals(forUser)) {
            return null;
        }
        String text = requireText(requireObject(create, "message_data", path + ".message_create"), "text",
                path + ".message_create.message_data");
        JsonNode user = root.path("users").path(sender);
        String handle = user.path("screen_name").asText(sender);
        Author author = new Author(sender, handle, user.path("name").asText(null),
                user.has("screen_name") ? "https://x.com/" + handle : null, null, null);
        Instant at = JsonFields.optionalTime(event, "created_timestamp", path);
        return new SocialInteraction(SocialInteraction.idFor("x", "dm-" + id), "x", "direct_message", id,
                SocialInteraction.idFor("x", "dm-" + sender), null, null, at != null ? at : receivedAt, text, null,
                author, null, null, null);
    }

    private static Instant time(JsonNode tweet, String path, Instant receivedAt) {
        String created = optionalText(tweet, "created_at", path);
        if (created == null) {
            return receivedAt;
        }
        try {
            return ZonedDateTime.parse(created, TWITTER_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw WebhookRejectedException.badRequest(path + ".created_at is not in X's date format");
        }
    }
}
