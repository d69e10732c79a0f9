package io.socialwire.channels.generic;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.model.Channels;
import io.socialwire.model.SocialInteraction;
import io.socialwire.webhook.JsonFields;
import io.socialwire.webhook.WebhookRejectedException;

/**
 * Reads canonical interactions (one object or an array) sent by any system that already speaks the contract. Derives
 * what the sender may leave out ({@code id}, {@code conversationId}, {@code createdAt}) and drops any
 * {@code enrichment} a sender supplies: enrichment is the hub's own judgement. An array holds at most
 * {@code maxItems} interactions: each one is a Kafka write the sender waits for.
 */
public class GenericWebhookNormalizer {

    static final Set<String> KINDS = Set.of("post", "mention", "reply", "direct_message", "comment", "review");

    private final ObjectMapper json;
    private final int maxItems;

    public GenericWebhookNormalizer(ObjectMapper json, int maxItems) {
        this.json = json;
        this.maxItems = maxItems;
    }

    public List<SocialInteraction> normalize(byte[] body, Instant receivedAt) {
        JsonNode root = JsonFields.parse(json, body);
        if (!(root.isObject() || root.isArray())) {
            throw WebhookRejectedException.badRequest("body must be an interaction object or an array of them");
        }
        if (root.isArray() && root.isEmpty()) {
            throw WebhookRejectedException.badRequest("$ is an empty array");
        }
        if (root.isArray() && root.size() > maxItems) {
            throw new WebhookRejectedException(413, "$ holds " + root.size() + " interactions; at most " + maxItems
                    + " are accepted per request (socialwire.webhooks.max-items)");
        }
        List<SocialInteraction> result = new ArrayList<>();
        if (root.isObject()) {
            result.add(interaction(root, "$", receivedAt));
        } else {
            for (int i = 0; i < root.size(); i++) {
                result.add(interaction(root.get(i), "$[" + i + "]", receivedAt));
            }
        }
        return result;
    }

    private SocialInteraction interaction(JsonNode node, String path, Instant receivedAt) {
        if (!node.isObject()) {
            throw WebhookRejectedException.badRequest(path + " must be an object");
        }
        SocialInteraction in;
        try {
            in = json.treeToValue(node, SocialInteraction.class);
        } catch (IOException e) {
            throw WebhookRejectedException.badRequest(path + " does not match the interaction schema: "
                    + firstLine(e.getMessage()));
        }
        String channel = require(in.channel(), path + ".channel");
        if (!Channels.known().contains(channel)) {
            throw WebhookRejectedException.badRequest(path + ".channel must be one of " + Channels.known());
        }
        String externalId = require(in.externalId(), path + ".externalId");
        String kind = require(in.kind(), path + ".kind");
        if (!KINDS.contains(kind)) {
            throw WebhookRejectedException.badRequest(path + ".kind must be one of " + KINDS);
        }
        if ((in.text() == null || in.text().isBlank()) && in.rating() == null) {
            throw WebhookRejectedException.badRequest(path + ".text is missing");
        }
        // found by WebhookFuzzTest: an empty id or conversation id would key records by ""
        if (in.id() != null && in.id().isBlank()) {
            throw WebhookRejectedException.badRequest(path + ".id is blank");
        }
        if (in.conversationId() != null && in.conversationId().isBlank()) {
            throw WebhookRejectedException.badRequest(path + ".conversationId is blank");
        }
        String id = in.id() != null ? in.id() : SocialInteraction.idFor(channel, externalId);
        return new SocialInteraction(id, channel, kind, externalId,
                in.conversationId() != null ? in.conversationId() : id, in.inReplyToId(), in.url(),
                in.createdAt() != null ? in.createdAt() : receivedAt, in.text(), in.language(), in.author(),
                in.attachments(), in.rating(), null);
    }

    private static String require(String value, String path) {
        if (value == null || value.isBlank()) {
            throw WebhookRejectedException.badRequest(path + " is missing");
        }
        return value;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        // Jackson quotes the offending input; keep the field name, not the sender's data
        int quote = line.indexOf(" from ");
        return quote < 0 ? line : line.substring(0, quote);
    }
}
