package io.socialwire.sinks.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.socialwire.conversation.ThreadRecord;
import io.socialwire.sinks.SocialContext;
import io.socialwire.model.SocialInteraction;
import org.springframework.stereotype.Component;

/**
 * Renders the JSON body templates of the HTTP targets ({@code config/templates/*.json}). A string value may hold
 * {@code ${path}} placeholders naming fields of the interaction ({@code author.handle}, {@code enrichment.intent})
 * or of the conversation's record ({@code record.url}); a value that is exactly one placeholder takes the field's
 * JSON value (a number stays a number), a missing field renders as null or empty text. The result is always valid
 * JSON whatever the post says, because values are substituted into the parsed tree, never into text.
 */
@Component("jsonTemplates")
public class JsonTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)}");

    private final ObjectMapper json;
    private final Map<String, JsonNode> templates = new ConcurrentHashMap<>();

    public JsonTemplates(ObjectMapper json) {
        this.json = json;
    }

    /** The template at {@code location}: a path read from disk when it exists there, else from the classpath. */
    public String render(String location, SocialInteraction interaction, ThreadRecord record) throws IOException {
        return render(location, interaction, record, Map.of());
    }

    /**
     * As above, with the route's own values ({@code ${vars.name}}: the exchange's variables, e.g. a kamelet's
     * parameters), and the social context the hub writes into records ({@code ${context.block}},
     * {@code ${context.comment}}, {@code ${context.summary}}, {@code ${context.marker}}).
     */
    public String render(String location, SocialInteraction interaction, ThreadRecord record,
                         Map<String, Object> variables) throws IOException {
        JsonNode body = template(location).deepCopy();
        ObjectNode context = json.valueToTree(interaction);
        if (record != null) {
            context.set("record", json.valueToTree(Map.of("system", record.system(), "type", record.recordType(),
                    "id", record.recordId(), "url", record.recordUrl())));
        }
        context.set("vars", json.valueToTree(variables == null ? Map.of() : variables));
        context.set("context", json.valueToTree(Map.of("block", SocialContext.block(interaction),
                "comment", SocialContext.comment(interaction), "summary", SocialContext.summary(interaction),
                "subject", SocialContext.subject(interaction), "marker", SocialContext.marker(interaction.id()))));
        return json.writeValueAsString(fill(body, context));
    }

    private JsonNode fill(JsonNode node, JsonNode context) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                field.setValue(fill(field.getValue(), context));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, fill(array.get(i), context));
            }
            return array;
        }
        if (node.isTextual()) {
            Matcher whole = PLACEHOLDER.matcher(node.asText());
            if (whole.matches()) {
                return value(context, whole.group(1));
            }
            Matcher parts = PLACEHOLDER.matcher(node.asText());
            StringBuilder text = new StringBuilder();
            while (parts.find()) {
                JsonNode value = value(context, parts.group(1));
                parts.appendReplacement(text, Matcher.quoteReplacement(value.isNull() ? "" : value.asText()));
            }
            parts.appendTail(text);
            return TextNode.valueOf(text.toString());
        }
        return node;
    }

    private static JsonNode value(JsonNode context, String path) {
        JsonNode value = context;
        for (String name : path.split("\\.")) {
            value = value.path(name);
        }
        return value.isMissingNode() ? NullNode.getInstance() : value;
    }

    private JsonNode template(String location) {
        return templates.computeIfAbsent(location, this::read);
    }

    private JsonNode read(String location) {
        Path file = Path.of(location);
        try (InputStream in = Files.isRegularFile(file) ? Files.newInputStream(file)
                : getClass().getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalArgumentException("no body template at " + location);
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("body template " + location + " is not valid JSON", e);
        }
    }
}
