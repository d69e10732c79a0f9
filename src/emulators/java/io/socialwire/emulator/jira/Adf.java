package io.socialwire.emulator.jira;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Atlassian Document Format, as far as Jira checks it on write: a {@code doc} of version 1 whose nodes have known
 * types and whose text nodes hold text. Also the plain text of a document, for text search.
 */
final class Adf {

    static final String NOT_A_DOCUMENT =
            "Operation value must be an Atlassian Document (see the Atlassian Document Format)";

    private static final Set<String> NODE_TYPES = Set.of("blockquote", "bulletList", "codeBlock", "date", "emoji",
            "expand", "hardBreak", "heading", "inlineCard", "listItem", "media", "mediaGroup", "mediaSingle",
            "mention", "nestedExpand", "orderedList", "panel", "paragraph", "rule", "status", "table", "tableCell",
            "tableHeader", "tableRow", "text");
    private static final Set<String> BLOCK_SEPARATED = Set.of("paragraph", "heading", "listItem", "codeBlock",
            "blockquote", "panel", "tableRow", "hardBreak");

    private Adf() {
    }

    static boolean isDocument(JsonNode value) {
        return value != null && value.isObject() && "doc".equals(value.path("type").asText())
                && value.path("version").asInt() == 1 && value.path("content").isArray() && validContent(value);
    }

    private static boolean validContent(JsonNode node) {
        for (JsonNode child : node.path("content")) {
            String type = child.path("type").asText();
            if (!NODE_TYPES.contains(type) || type.equals("text") && child.path("text").asText().isEmpty()
                    || child.has("content") && !child.path("content").isArray() || !validContent(child)) {
                return false;
            }
        }
        return true;
    }

    /** The document's text, blocks on lines of their own. */
    static String text(JsonNode document) {
        StringBuilder text = new StringBuilder();
        append(document, text);
        return text.toString().strip();
    }

    private static void append(JsonNode node, StringBuilder text) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        String type = node.path("type").asText();
        if (type.equals("text")) {
            text.append(node.path("text").asText());
        } else if (type.equals("mention")) {
            text.append(node.path("attrs").path("text").asText());
        }
        for (JsonNode child : node.path("content")) {
            append(child, text);
        }
        if (BLOCK_SEPARATED.contains(type)) {
            text.append('\n');
        }
    }
}
