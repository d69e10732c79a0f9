package io.socialwire.deadletter;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Masks what identifies a person in a canonical interaction (its post, its author, its links), so an operator can
 * triage a dead letter without reading it: each such value becomes {@value #MASK}, the text says how long it was.
 */
final class PersonalData {

    static final String MASK = "•••";
    private static final List<String> POST = List.of("text", "url", "externalId", "inReplyToId");
    private static final List<String> AUTHOR = List.of("id", "handle", "displayName", "profileUrl");
    /** Fields of an attachment that may name or show someone; its type and size stay. */
    private static final Set<String> ATTACHMENT_KEPT = Set.of("type", "mimeType", "size");

    private PersonalData() {
    }

    /** A masked copy of the interaction. */
    static JsonNode masked(JsonNode interaction) {
        if (!(interaction instanceof ObjectNode original)) {
            return null;
        }
        ObjectNode copy = original.deepCopy();
        POST.forEach(field -> mask(copy, field));
        if (copy.get("text") != null && copy.get("text").isTextual()) {
            copy.put("text", MASK + " (" + original.path("text").asText().codePointCount(0,
                    original.path("text").asText().length()) + " characters)");
        }
        if (copy.get("author") instanceof ObjectNode author) {
            AUTHOR.forEach(field -> mask(author, field));
        }
        if (copy.get("attachments") != null) {
            copy.get("attachments").forEach(attachment -> {
                if (attachment instanceof ObjectNode fields) {
                    List<String> names = new java.util.ArrayList<>();
                    fields.fieldNames().forEachRemaining(names::add);
                    names.stream().filter(name -> !ATTACHMENT_KEPT.contains(name)).forEach(name -> mask(fields, name));
                }
            });
        }
        return copy;
    }

    private static void mask(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value != null && !value.isNull()) {
            node.put(field, MASK);
        }
    }
}
