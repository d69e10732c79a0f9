package io.socialwire.explain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.socialwire.enrichment.Enricher;
import io.socialwire.model.Author;
import io.socialwire.model.Enrichment;
import io.socialwire.model.SocialInteraction;
import io.socialwire.routing.RoutingRules;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Runs the examples of {@code socialwire.routing.tests} (config/routing-tests.yaml, read at each run so an edit
 * counts) through routing as dispatch does it, by the active rules or by others given: each example's expected and
 * actual department (and rule, priority, intent where the example says them).
 */
@Component
class RoutingTests {

    /** When an example does not say when it was posted: within office hours (as RoutingExamplesTest, which runs this class). */
    private static final String TUESDAY_MORNING = "2026-11-17T10:00:00Z";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    record Result(String name, String text, Map<String, Object> expected, Map<String, Object> actual, String rule,
                  boolean ok) {
    }

    private final Enricher enricher;
    private final Resource examples;

    RoutingTests(Enricher enricher, @Value("${socialwire.routing.tests}") Resource examples) {
        this.enricher = enricher;
        this.examples = examples;
    }

    /** @param rules null: the active rules */
    List<Result> run(RoutingRules rules) {
        JsonNode all;
        try (InputStream in = examples.getInputStream()) {
            all = YAML.readTree(in).path("examples");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the routing tests " + examples.getDescription(), e);
        }
        List<Result> results = new ArrayList<>();
        int n = 0;
        for (JsonNode example : all) {
            n++;
            Enrichment actual = enricher.explain(interaction(example), rules).interaction().enrichment();
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("department", example.path("expect").asText());
            for (String field : List.of("rule", "priority", "intent")) {
                if (example.has(field)) {
                    expected.put(field, example.get(field).isInt() ? example.get(field).asInt()
                            : example.get(field).asText());
                }
            }
            Map<String, Object> got = new LinkedHashMap<>();
            got.put("department", actual.department());
            got.put("rule", actual.matchedRule());
            got.put("priority", actual.priority());
            got.put("intent", actual.intent());
            boolean ok = expected.entrySet().stream().allMatch(e -> String.valueOf(e.getValue())
                    .equals(String.valueOf(got.get(e.getKey()))));
            results.add(new Result(example.path("name").asText("example " + n), example.path("text").asText(),
                    expected, got, actual.matchedRule(), ok));
        }
        return results;
    }

    private static SocialInteraction interaction(JsonNode example) {
        String channel = example.path("channel").asText("generic");
        Author author = new Author("example", "example", null, null,
                example.has("followers") ? example.path("followers").asLong() : null,
                example.has("verified") ? example.path("verified").asBoolean() : null);
        return new SocialInteraction(channel + ":example", channel, example.path("kind").asText("post"), "example",
                channel + ":example", null, null, Instant.parse(example.path("createdAt").asText(TUESDAY_MORNING)),
                example.path("text").asText(), example.path("language").asText(null), author, null, null, null);
    }
}
