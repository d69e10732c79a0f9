package io.socialwire.channels.x;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.socialwire.model.Author;
import io.socialwire.model.SocialInteraction;

/** X API v2 tweets (with the {@code author_id} expansion) as interactions; a conversation is X's conversation_id. */
public final class XV2Normalizer {

    private XV2Normalizer() {
    }

    public static List<SocialInteraction> normalize(JsonNode page) {
        Map<String, JsonNode> users = new HashMap<>();
        page.path("includes").path("users").forEach(u -> users.put(u.path("id").asText(), u));
        List<SocialInteraction> result = new java.util.ArrayList<>();
        for (JsonNode tweet : page.path("data")) {
            result.add(tweet(tweet, users.get(tweet.path("author_id").asText())));
        }
        return result;
    }

    static SocialInteraction tweet(JsonNode tweet, JsonNode user) {
        String id = tweet.path("id").asText();
        String username = user == null ? null : user.path("username").asText(null);
        String repliedTo = null;
        for (JsonNode ref : tweet.path("referenced_tweets")) {
            if ("replied_to".equals(ref.path("type").asText())) {
                repliedTo = ref.path("id").asText();
            }
        }
        String text = tweet.path("text").asText();
        Author author = new Author(tweet.path("author_id").asText(null), username,
                user == null ? null : user.path("name").asText(null),
                username == null ? null : "https://x.com/" + username,
                user != null && user.path("public_metrics").has("followers_count")
                        ? user.path("public_metrics").path("followers_count").asLong() : null,
                user != null && user.has("verified") ? user.path("verified").asBoolean() : null);
        String conversation = tweet.path("conversation_id").asText(id);
        return new SocialInteraction(SocialInteraction.idFor("x", id), "x",
                repliedTo != null ? "reply" : text.contains("@") ? "mention" : "post", id,
                SocialInteraction.idFor("x", conversation), repliedTo == null ? null
                : SocialInteraction.idFor("x", repliedTo),
                username == null ? "https://x.com/i/web/status/" + id : "https://x.com/" + username + "/status/" + id,
                tweet.hasNonNull("created_at") ? Instant.parse(tweet.path("created_at").asText()) : null, text,
                tweet.path("lang").asText(null), author, null, null, null);
    }
}
