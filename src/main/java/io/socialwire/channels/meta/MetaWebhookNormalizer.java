package io.socialwire.channels.meta;

import static io.socialwire.webhook.JsonFields.optionalText;
import static io.socialwire.webhook.JsonFields.optionalTime;
import static io.socialwire.webhook.JsonFields.requireNonEmptyArray;
import static io.socialwire.webhook.JsonFields.requireObject;
import static io.socialwire.webhook.JsonFields.requireText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.model.Attachment;
import io.socialwire.model.Author;
import io.socialwire.model.SocialInteraction;
import io.socialwire.webhook.JsonFields;
import io.socialwire.webhook.WebhookRejectedException;

/**
 * Turns one Meta webhook delivery into one interaction per change: Facebook Page feed posts and comments, Instagram
 * comments and mentions, and Messenger (or Instagram) direct messages. The whole batch is checked before anything is
 * returned, so a malformed delivery is refused as a whole and nothing of it is written.
 */
public class MetaWebhookNormalizer {

    private static final Set<String> FEED_ITEMS = Set.of("post", "status", "photo", "video", "share", "comment");
    /** Removals and hides are not conversations to record; the conversations issue handles their effects. */
    private static final Set<String> IGNORED_VERBS = Set.of("remove", "hide", "unhide");

    private final ObjectMapper json;

    public MetaWebhookNormalizer(ObjectMapper json) {
        this.json = json;
    }

    public List<SocialInteraction> normalize(byte[] body, Instant receivedAt) {
        JsonNode root = JsonFields.parseObject(json, body);
        String object = requireText(root, "object", "$");
        if (!object.equals("page") && !object.equals("instagram")) {
            throw WebhookRejectedException.badRequest("$.object '" + object + "' is not supported (page, instagram)");
        }
        JsonNode entries = requireNonEmptyArray(root, "entry", "$");
        List<SocialInteraction> interactions = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String path = "$.entry[" + i + "]";
            JsonNode entry = entries.get(i);
            if (!entry.isObject()) {
                throw WebhookRejectedException.badRequest(path + " must be an object");
            }
            boolean hasChanges = entry.has("changes");
            boolean hasMessaging = entry.has("messaging");
            if (!hasChanges && !hasMessaging) {
                throw WebhookRejectedException.badRequest(path + " has neither changes nor messaging");
            }
            if (hasChanges) {
                JsonNode changes = requireNonEmptyArray(entry, "changes", path);
                for (int c = 0; c < changes.size(); c++) {
                    change(object, changes.get(c), path + ".changes[" + c + "]", receivedAt, interactions);
                }
            }
            if (hasMessaging) {
                JsonNode messages = requireNonEmptyArray(entry, "messaging", path);
                for (int m = 0; m < messages.size(); m++) {
                    message(object, messages.get(m), path + ".messaging[" + m + "]", receivedAt, interactions);
                }
            }
        }
        return interactions;
    }

    private void change(String object, JsonNode change, String path, Instant receivedAt, List<SocialInteraction> out) {
        if (!change.isObject()) {
            throw WebhookRejectedException.badRequest(path + " must be an object");
        }
        String field = requireText(change, "field", path);
        JsonNode value = requireObject(change, "value", path);
        String valuePath = path + ".value";
        if (object.equals("page") && field.equals("feed")) {
            feed(value, valuePath, receivedAt, out);
        } else if (object.equals("instagram") && (field.equals("comments") || field.equals("live_comments"))) {
            out.add(instagramComment(value, valuePath, receivedAt));
        } else if (object.equals("instagram") && field.equals("mentions")) {
            out.add(instagramMention(value, valuePath, receivedAt));
        }
        // Other subscribed fields (reactions, ratings, story insights, ...) carry no conversation to record.
    }

    private void feed(JsonNode value, String path, Instant receivedAt, List<SocialInteraction> out) {
        String item = requireText(value, "item", path);
        String verb = requireText(value, "verb", path);
        if (!FEED_ITEMS.contains(item) || IGNORED_VERBS.contains(verb)) {
            return;
        }
        String postId = requireText(value, "post_id", path);
        Author author = facebookAuthor(value, path);
        Instant createdAt = orElse(optionalTime(value, "created_time", path), receivedAt);
        String text = optionalText(value, "message", path);
        String conversationId = SocialInteraction.idFor("facebook", postId);
        if (item.equals("comment")) {
            String commentId = requireText(value, "comment_id", path);
            String parentId = optionalText(value, "parent_id", path);
            boolean reply = parentId != null && !parentId.equals(postId);
            out.add(new SocialInteraction(SocialInteraction.idFor("facebook", commentId), "facebook",
                    reply ? "reply" : "comment", commentId, conversationId,
                    SocialInteraction.idFor("facebook", parentId == null ? postId : parentId),
                    facebookCommentUrl(postId, commentId), createdAt, text, null, author,
                    attachments(value), null, null));
        } else {
            String permalink = optionalText(value, "permalink_url", path);
            out.add(new SocialInteraction(conversationId, "facebook", "post", postId, conversationId, null,
                    permalink != null ? permalink : facebookPostUrl(postId), createdAt, text, null, author,
                    attachments(value), null, null));
        }
    }

    private static Author facebookAuthor(JsonNode value, String path) {
        JsonNode from = value.get("from");
        if (from == null || from.isNull()) {
            return null;
        }
        if (!from.isObject()) {
            throw WebhookRejectedException.badRequest(path + ".from must be an object");
        }
        String id = requireText(from, "id", path + ".from");
        String name = optionalText(from, "name", path + ".from");
        return new Author(id, name, name, "https://www.facebook.com/" + id, null, null);
    }

    private SocialInteraction instagramComment(JsonNode value, String path, Instant receivedAt) {
        String commentId = requireText(value, "id", path);
        String text = requireText(value, "text", path);
        JsonNode media = requireObject(value, "media", path);
        String mediaId = requireText(media, "id", path + ".media");
        String parentId = optionalText(value, "parent_id", path);
        JsonNode from = requireObject(value, "from", path);
        String username = optionalText(from, "username", path + ".from");
        Author author = new Author(requireText(from, "id", path + ".from"), username, username,
                username == null ? null : "https://www.instagram.com/" + username, null, null);
        return new SocialInteraction(SocialInteraction.idFor("instagram", commentId), "instagram",
                parentId == null ? "comment" : "reply", commentId, SocialInteraction.idFor("instagram", mediaId),
                SocialInteraction.idFor("instagram", parentId == null ? mediaId : parentId),
                optionalText(media, "permalink", path + ".media"),
                orElse(optionalTime(value, "timestamp", path), receivedAt), text, null, author, null, null, null);
    }

    /** Meta sends only ids for a mention; the caption or comment text has to be read through the Graph API. */
    private SocialInteraction instagramMention(JsonNode value, String path, Instant receivedAt) {
        String mediaId = requireText(value, "media_id", path);
        String commentId = optionalText(value, "comment_id", path);
        String externalId = commentId != null ? commentId : mediaId;
        return new SocialInteraction(SocialInteraction.idFor("instagram", "mention-" + externalId), "instagram",
                "mention", externalId, SocialInteraction.idFor("instagram", mediaId), null, null, receivedAt, null,
                null, null, null, null, null);
    }

    private void message(String object, JsonNode event, String path, Instant receivedAt, List<SocialInteraction> out) {
        if (!event.isObject()) {
            throw WebhookRejectedException.badRequest(path + " must be an object");
        }
        JsonNode message = event.get("message");
        if (message == null || message.isNull()) {
            return; // delivery and read receipts, postbacks: no customer text to record
        }
        if (!message.isObject()) {
            throw WebhookRejectedException.badRequest(path + ".message must be an object");
        }
        if (message.path("is_echo").asBoolean(false)) {
            return; // the page's own reply, echoed back
        }
        String channel = object.equals("instagram") ? "instagram" : "messenger";
        String senderId = requireText(requireObject(event, "sender", path), "id", path + ".sender");
        String mid = requireText(message, "mid", path + ".message");
        Instant createdAt = orElse(optionalTime(event, "timestamp", path), receivedAt);
        Author author = new Author(senderId, senderId, null, null, null, null);
        JsonNode replyTo = message.path("reply_to");
        String inReplyTo = replyTo.hasNonNull("mid") ? SocialInteraction.idFor(channel, replyTo.get("mid").asText())
                : null;
        out.add(new SocialInteraction(SocialInteraction.idFor(channel, mid), channel, "direct_message", mid,
                SocialInteraction.idFor(channel, "dm-" + senderId), inReplyTo, null, createdAt,
                optionalText(message, "text", path + ".message"), null, author, attachments(message), null, null));
    }

    private static List<Attachment> attachments(JsonNode node) {
        List<Attachment> result = new ArrayList<>();
        JsonNode list = node.path("attachments");
        if (list.isArray()) {
            for (JsonNode attachment : list) {
                String url = attachment.path("payload").path("url").asText(null);
                result.add(new Attachment(attachment.path("type").asText("file"), url));
            }
        }
        String link = node.path("link").asText(null);
        if (link != null) {
            result.add(new Attachment(node.path("item").asText("link"), link));
        }
        return result.isEmpty() ? null : result;
    }

    private static String facebookPostUrl(String postId) {
        int split = postId.indexOf('_');
        return split < 0 ? "https://www.facebook.com/" + postId
                : "https://www.facebook.com/" + postId.substring(0, split) + "/posts/" + postId.substring(split + 1);
    }

    private static String facebookCommentUrl(String postId, String commentId) {
        int split = commentId.indexOf('_');
        String commentPart = split < 0 ? commentId : commentId.substring(split + 1);
        return facebookPostUrl(postId) + "?comment_id=" + commentPart;
    }

    private static Instant orElse(Instant value, Instant fallback) {
        return value != null ? value : fallback;
    }
}
