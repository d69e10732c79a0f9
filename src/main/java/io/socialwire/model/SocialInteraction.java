package io.socialwire.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The canonical interaction every source produces and every sink consumes. Field names are a contract
 * (docs/schema/social-interaction.schema.json).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SocialInteraction(
        String id,
        String channel,
        String kind,
        String externalId,
        String conversationId,
        String inReplyToId,
        String url,
        Instant createdAt,
        String text,
        String language,
        Author author,
        List<Attachment> attachments,
        Integer rating,
        Enrichment enrichment) {

    /** The kind of an event saying that the post {@code inReplyToId} was deleted by its author. */
    public static final String DELETE = "delete";

    public static String idFor(String channel, String externalId) {
        return channel + ":" + externalId;
    }

    public SocialInteraction withEnrichment(String detectedLanguage, Enrichment newEnrichment) {
        return new SocialInteraction(id, channel, kind, externalId, conversationId, inReplyToId, url, createdAt, text,
                detectedLanguage, author, attachments, rating, newEnrichment);
    }
}
