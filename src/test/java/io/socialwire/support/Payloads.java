package io.socialwire.support;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Meta webhook and canonical payloads shaped like the platforms' documented ones, with ids a test chooses. */
public final class Payloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {
    }

    /** A Page feed post ({@code item: status}). */
    public static ObjectNode facebookPost(String pageId, String postId, String authorId, String name, String text) {
        ObjectNode value = JSON.createObjectNode().put("item", "status").put("verb", "add")
                .put("post_id", pageId + "_" + postId).put("message", text).put("created_time", 1763800000);
        value.putObject("from").put("id", authorId).put("name", name);
        return change("feed", value);
    }

    /** A comment on a Page post; {@code parentId} is the post for a top-level comment, a comment for a reply. */
    public static ObjectNode facebookComment(String pageId, String postId, String commentId, String parentId,
                                             String authorId, String name, String text) {
        ObjectNode value = JSON.createObjectNode().put("item", "comment").put("verb", "add")
                .put("post_id", pageId + "_" + postId).put("comment_id", postId + "_" + commentId)
                .put("parent_id", parentId).put("message", text).put("created_time", 1763800000);
        value.putObject("from").put("id", authorId).put("name", name);
        return change("feed", value);
    }

    public static ObjectNode instagramComment(String mediaId, String commentId, String parentId, String userId,
                                              String username, String text) {
        ObjectNode value = JSON.createObjectNode().put("id", commentId).put("text", text);
        value.putObject("from").put("id", userId).put("username", username);
        value.putObject("media").put("id", mediaId).put("media_product_type", "FEED");
        if (parentId != null) {
            value.put("parent_id", parentId);
        }
        return change("comments", value);
    }

    public static ObjectNode messengerMessage(String pageId, String senderId, String mid, String text) {
        ObjectNode event = JSON.createObjectNode().put("timestamp", 1763800000123L);
        event.putObject("sender").put("id", senderId);
        event.putObject("recipient").put("id", pageId);
        event.putObject("message").put("mid", mid).put("text", text);
        return event;
    }

    /** One delivery of Page or Instagram changes (feed, comments) in a single entry. */
    public static byte[] delivery(String object, List<ObjectNode> changes) {
        ObjectNode root = JSON.createObjectNode().put("object", object);
        ArrayNode entries = root.putArray("entry");
        ObjectNode entry = entries.addObject().put("id", "page").put("time", 1763800000);
        ArrayNode list = entry.putArray("changes");
        changes.forEach(list::add);
        return bytes(root);
    }

    /** One delivery of Messenger events. */
    public static byte[] messaging(String object, List<ObjectNode> events) {
        ObjectNode root = JSON.createObjectNode().put("object", object);
        ObjectNode entry = root.putArray("entry").addObject().put("id", "page").put("time", 1763800000);
        ArrayNode list = entry.putArray("messaging");
        events.forEach(list::add);
        return bytes(root);
    }

    /** A canonical interaction for /webhooks/generic. */
    public static String canonical(String channel, String kind, String externalId, String conversationId,
                                   String authorId, String handle, String text) {
        ObjectNode node = JSON.createObjectNode().put("channel", channel).put("kind", kind)
                .put("externalId", externalId).put("text", text);
        if (conversationId != null) {
            node.put("conversationId", conversationId);
        }
        node.putObject("author").put("id", authorId).put("handle", handle).put("displayName", handle);
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    private static ObjectNode change(String field, ObjectNode value) {
        ObjectNode change = JSON.createObjectNode().put("field", field);
        change.set("value", value);
        return change;
    }

    private static byte[] bytes(Object node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
