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
import io.socialwire.model.SocialInteraction;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.FileSystemResource;

/**
 * Runs config/routing-tests.yaml against config/routing.yaml with the real language detection and sentiment, and
 * reports every example that routes elsewhere than it says, not just the first.
 */
class RoutingExamplesTest {

    @Test
    void everyExampleRoutesWhereItSays() throws IOException {
        Enricher enricher = new Enricher(new LanguageDetection(List.of("en", "de", "fr", "es", "pt", "it"), false),
                new SentimentScoring(), new RoutingRulesSource(new FileSystemResource("config/routing.yaml")));
        JsonNode examples = new ObjectMapper(new YAMLFactory()).readTree(Path.of("config/routing-tests.yaml").toFile())
                .path("examples");
        List<String> wrong = new ArrayList<>();
        int i = 0;
        for (JsonNode example : examples) {
            i++;
            SocialInteraction routed = enricher.enrich(interaction(example));
            String department = routed.enrichment().department();
            String rule = routed.enrichment().matchedRule();
            boolean ok = department.equals(example.path("expect").asText())
                    && (!example.has("rule") || rule.equals(example.path("rule").asText()));
            if (!ok) {
                wrong.add(String.format("example %d \"%s\": expected %s%s, got %s (rule %s, sentiment %s)", i,
                        example.path("text").asText(), example.path("expect").asText(),
                        example.has("rule") ? " by " + example.path("rule").asText() : "", department, rule,
                        routed.enrichment().sentiment().score()));
            }
        }
        assertThat(examples.size()).as("examples in config/routing-tests.yaml").isPositive();
        assertThat(wrong).as("examples routed elsewhere").isEmpty();
    }

    private static SocialInteraction interaction(JsonNode example) {
        String channel = example.path("channel").asText("generic");
        return new SocialInteraction(channel + ":example", channel, example.path("kind").asText("post"), "example",
                channel + ":example", null, null, Instant.EPOCH, example.path("text").asText(),
                example.path("language").asText(null), null, null, null, null);
    }
}
