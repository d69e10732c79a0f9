package io.socialwire.channels.bluesky;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.socialwire.model.Author;
import io.socialwire.model.SocialInteraction;

/**
 * A Jetstream event as an interaction, when it is a new post that mentions one of the brand's accounts or replies
 * to one of their posts; the brand's own posts, deletes, likes and profile updates are not interactions. A reply's
 * conversation is its thread root.
 */
public final class JetstreamNormalizer {

    private static final String POST = "app.bsky.feed.post";

    private final List<String> accounts;

    public JetstreamNormalizer(List<String> accounts) {
        this.accounts = accounts;
    }

    public Optional<SocialInteraction> normalize(JsonNode event) {
        JsonNode commit = event.path("commit");
        String did = event.path("did").asText(null);
        if (!"commit".equals(event.path("kind").asText()) || !"create".equals(commit.path("operation").asText())
                || !POST.equals(commit.path("collection").asText()) || did == null || accounts.contains(did)) {
            return Optional.empty();
        }
        JsonNode record = commit.path("record");
        String rootUri = record.path("reply").path("root").path("uri").asText(null);
        String parentUri = record.path("reply").path("parent").path("uri").asText(null);
        boolean repliesToUs = parentUri != null && accounts.stream().anyMatch(a -> parentUri.startsWith("at://" + a + "/"))
                || rootUri != null && accounts.stream().anyMatch(a -> rootUri.startsWith("at://" + a + "/"));
        if (!repliesToUs && !mentionsUs(record)) {
            return Optional.empty();
        }
        String rkey = commit.path("rkey").asText();
        String uri = "at://" + did + "/" + POST + "/" + rkey;
        Instant createdAt = record.hasNonNull("createdAt") ? Instant.parse(record.path("createdAt").asText())
                : Instant.ofEpochMilli(event.path("time_us").asLong() / 1000);
        JsonNode langs = record.path("langs");
        Author author = new Author(did, did, null, "https://bsky.app/profile/" + did, null, null);
        return Optional.of(new SocialInteraction(SocialInteraction.idFor("bluesky", uri), "bluesky",
                parentUri != null ? "reply" : "mention", uri,
                SocialInteraction.idFor("bluesky", rootUri != null ? rootUri : uri),
                parentUri == null ? null : SocialInteraction.idFor("bluesky", parentUri),
                "https://bsky.app/profile/" + did + "/post/" + rkey, createdAt, record.path("text").asText(""),
                langs.isArray() && !langs.isEmpty() ? langs.get(0).asText() : null, author, null, null, null));
    }

    private boolean mentionsUs(JsonNode record) {
        for (JsonNode facet : record.path("facets")) {
            for (JsonNode feature : facet.path("features")) {
                if ("app.bsky.richtext.facet#mention".equals(feature.path("$type").asText())
                        && accounts.contains(feature.path("did").asText())) {
                    return true;
                }
            }
        }
        return false;
    }
}
