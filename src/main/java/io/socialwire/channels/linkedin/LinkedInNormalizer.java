package io.socialwire.channels.linkedin;

import static io.socialwire.webhook.JsonFields.optionalText;
import static io.socialwire.webhook.JsonFields.optionalTime;
import static io.socialwire.webhook.JsonFields.requireNonEmptyArray;
import static io.socialwire.webhook.JsonFields.requireText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.model.Author;
import io.socialwire.model.SocialInteraction;
import io.socialwire.webhook.JsonFields;
import io.socialwire.webhook.WebhookRejectedException;

/**
 * LinkedIn organization social action notifications: comments on the organization's posts and mentions of it
 * become interactions; likes, reposts and admin actions carry no conversation and are skipped. A comment's
 * conversation is the post it is on.
 */
public class LinkedInNormalizer {

    private static final Set<String> COMMENTS = Set.of("COMMENT", "COMMENT_EDIT");
    private static final Set<String> MENTIONS = Set.of("SHARE_MENTION", "COMMENT_MENTION");

    private final ObjectMapper json;

    public LinkedInNormalizer(ObjectMapper json) {
        this.json = json;
    }

    public List<SocialInteraction> normalize(byte[] body, Instant receivedAt) {
        JsonNode root = JsonFields.parseObject(json, body);
        JsonNode notifications = requireNonEmptyArray(root, "notifications", "$");
        List<SocialInteraction> result = new ArrayList<>();
        for (int i = 0; i < notifications.size(); i++) {
            SocialInteraction interaction = notification(notifications.get(i), "$.notifications[" + i + "]",
                    receivedAt);
            if (interaction != null) {
                result.add(interaction);
            }
        }
        return result;
    }

    private SocialInteraction notification(JsonNode n, String path, Instant receivedAt) {
        if (!n.isObject()) {
            throw WebhookRejectedException.badRequest(path + " must be an object");
        }
        String action = requireText(n, "action", path);
        boolean comment = COMMENTS.contains(action);
        if (!comment && !MENTIONS.contains(action)) {
            return null;
        }
        String activity = requireText(n, "generatedActivity", path);
        String sourcePost = optionalText(n, "sourcePost", path);
        JsonNode decorated = n.path("decoratedGeneratedActivity");
        JsonNode detail = decorated.has("comment") ? decorated.get("comment") : decorated.path("share");
        String text = optionalText(detail, "text", path + ".decoratedGeneratedActivity");
        if (text == null) {
            throw WebhookRejectedException.badRequest(path + ".decoratedGeneratedActivity text is missing");
        }
        String owner = requireText(detail, "owner", path + ".decoratedGeneratedActivity");
        JsonNode ownerInfo = detail.path("ownerInfo");
        String name = ownerInfo.isObject()
                ? (ownerInfo.path("localizedFirstName").asText("") + " " + ownerInfo.path("localizedLastName")
                .asText("")).strip() : null;
        String vanity = ownerInfo.path("vanityName").asText(null);
        Author author = new Author(owner, vanity != null ? vanity : owner, name == null || name.isEmpty() ? null : name,
                vanity == null ? null : "https://www.linkedin.com/in/" + vanity, null, null);
        String conversation = SocialInteraction.idFor("linkedin", sourcePost != null ? sourcePost : activity);
        Instant at = optionalTime(n, "lastModifiedAt", path);
        return new SocialInteraction(SocialInteraction.idFor("linkedin", activity), "linkedin",
                comment ? "comment" : "mention", activity, conversation,
                sourcePost == null ? null : SocialInteraction.idFor("linkedin", sourcePost),
                sourcePost == null ? null : "https://www.linkedin.com/feed/update/" + sourcePost,
                at != null ? at : receivedAt, text, null, author, null, null, null);
    }
}
