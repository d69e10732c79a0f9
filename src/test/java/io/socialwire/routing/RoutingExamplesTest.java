package io.socialwire.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.socialwire.enrichment.Enricher;
import io.socialwire.enrichment.LanguageDetection;
import io.socialwire.enrichment.SentimentScoring;
import io.socialwire.model.Author;
import io.socialwire.model.SocialInteraction;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.FileSystemResource;

/**
 * Runs config/routing-tests.yaml against routing as the hub does it (config/routing.yaml's rules, the classifier
 * learnt from config/routing-examples/, the default) with the real language detection and sentiment, and reports
 * every example that routes elsewhere than it says, not just the first.
 */
class RoutingExamplesTest {

    /** When an example does not say when it was posted: within office hours. */
    private static final String TUESDAY_MORNING = "2026-11-17T10:00:00Z";

    @Test
    void everyExampleRoutesWhereItSays() throws IOException {
        Enricher enricher = new Enricher(new LanguageDetection(List.of("en", "de", "fr", "es", "pt", "it"), false),
                new SentimentScoring(), io.socialwire.support.ProjectRouting.router());
        JsonNode examples = new ObjectMapper(new YAMLFactory()).readTree(Path.of("config/routing-tests.yaml").toFile())
                .path("examples");
        List<String> wrong = new ArrayList<>();
        int i = 0;
        for (JsonNode example : examples) {
            i++;
            SocialInteraction routed = enricher.enrich(interaction(example));
            String department = routed.enrichment().department();
            String rule = routed.enrichment().matchedRule();
            int priority = routed.enrichment().priority();
            String intent = routed.enrichment().intent();
            boolean ok = department.equals(example.path("expect").asText())
                    && (!example.has("rule") || rule.equals(example.path("rule").asText()))
                    && (!example.has("priority") || priority == example.path("priority").asInt())
                    && (!example.has("intent") || example.path("intent").asText().equals(intent));
            if (!ok) {
                wrong.add(String.format("example %d \"%s\": expected %s%s%s%s, got %s (rule %s, priority %d, "
                        + "intent %s, sentiment %s)", i, example.path("text").asText(), example.path("expect").asText(),
                        example.has("rule") ? " by " + example.path("rule").asText() : "",
                        example.has("priority") ? " priority " + example.path("priority").asInt() : "",
                        example.has("intent") ? " intent " + example.path("intent").asText() : "", department,
                        rule, priority, intent, routed.enrichment().sentiment().score()));
            }
        }
        assertThat(examples.size()).as("examples in config/routing-tests.yaml").isPositive();
        assertThat(wrong).as("examples routed elsewhere").isEmpty();
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
