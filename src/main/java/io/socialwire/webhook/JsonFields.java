package io.socialwire.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads required and optional fields from a webhook payload; a missing or mistyped required field is a 400 that
 * names the field's path, so a sender can find its mistake.
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** The body as JSON, or a 400: not UTF-8, not JSON, or empty. */
    public static JsonNode parse(ObjectMapper json, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(utf8(body));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw WebhookRejectedException.badRequest("body is not valid JSON" + (at == null ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (root == null || root.isMissingNode()) {
            throw WebhookRejectedException.badRequest("body is empty");
        }
        return root;
    }

    /**
     * Strict UTF-8, as JSON between systems must be (RFC 8259): Jackson's own decoder lets overlong forms and
     * encoded surrogates through.
     */
    private static String utf8(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(in).toString();
        } catch (CharacterCodingException e) {
            throw WebhookRejectedException.badRequest("body is not valid UTF-8 (byte " + in.position() + ")");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The body as a JSON object, or a 400. */
    public static JsonNode parseObject(ObjectMapper json, byte[] body) {
        JsonNode root = parse(json, body);
        if (!root.isObject()) {
            throw WebhookRejectedException.badRequest("body must be a JSON object");
        }
        return root;
    }

    public static JsonNode requireObject(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw WebhookRejectedException.badRequest(path + "." + field + " is missing");
        }
        if (!node.isObject()) {
            throw WebhookRejectedException.badRequest(path + "." + field + " must be an object");
        }
        return node;
    }

    public static JsonNode requireNonEmptyArray(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw WebhookRejectedException.badRequest(path + "." + field + " is missing");
        }
        if (!node.isArray()) {
            throw WebhookRejectedException.badRequest(path + "." + field + " must be an array");
        }
        if (node.isEmpty()) {
            throw WebhookRejectedException.badRequest(path + "." + field + " is empty");
        }
        return node;
    }

    /** A string field; numbers are accepted too, as Meta sends some ids either way. */
    public static String requireText(JsonNode parent, String field, String path) {
        String value = optionalText(parent, field, path);
        if (value == null || value.isEmpty()) {
            throw WebhookRejectedException.badRequest(path + "." + field + " is missing");
        }
        return value;
    }

    public static String optionalText(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual() || node.isIntegralNumber()) {
            return node.asText();
        }
        throw WebhookRejectedException.badRequest(path + "." + field + " must be a string");
    }

    /**
     * Unix time in seconds or milliseconds (told apart by magnitude; as a number or a string of digits, as X sends
     * it), or ISO-8601; null when absent.
     */
    public static Instant optionalTime(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() || (node.isTextual() && node.asText().matches("\\d{1,19}"))) {
            try {
                long value = node.isTextual() ? Long.parseLong(node.asText()) : node.longValue();
                if (!node.canConvertToLong() && !node.isTextual()) {
                    throw new ArithmeticException("out of range");
                }
                return value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
            } catch (ArithmeticException | java.time.DateTimeException | NumberFormatException e) {
                // found by WebhookFuzzTest: a number no clock can show was a 500
                throw WebhookRejectedException.badRequest(path + "." + field + " is not a time");
            }
        }
        if (node.isTextual()) {
            try {
                return Instant.parse(node.asText());
            } catch (RuntimeException e) {
                throw WebhookRejectedException.badRequest(path + "." + field + " is not an ISO-8601 time");
            }
        }
        throw WebhookRejectedException.badRequest(path + "." + field + " must be a time");
    }
}
