package io.socialwire.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.socialwire.enrichment.Enricher;
import io.socialwire.enrichment.LanguageDetection;
import io.socialwire.enrichment.SentimentScoring;
import io.socialwire.support.ProjectRouting;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.FileSystemResource;

/**
 * Runs config/routing-tests.yaml against routing as the hub does it (config/routing.yaml's rules, the classifier
 * learnt from config/routing-examples/, the default) with the real language detection and sentiment, as the
 * console's and {@code POST /api/routing/tests}' {@link RoutingTests} do, and reports every example that routes
 * elsewhere than it says, not just the first.
 */
class RoutingExamplesTest {

    @Test
    void everyExampleRoutesWhereItSays() {
        Enricher enricher = new Enricher(new LanguageDetection(List.of("en", "de", "fr", "es", "pt", "it"), false),
                new SentimentScoring(), ProjectRouting.router());
        List<RoutingTests.Result> results = new RoutingTests(enricher,
                new FileSystemResource("config/routing-tests.yaml")).run(null);

        assertThat(results).as("examples in config/routing-tests.yaml").isNotEmpty();
        assertThat(results.stream().filter(result -> !result.ok()).map(result -> String.format(
                "%s \"%s\": expected %s, got %s", result.name(), result.text(), result.expected(), result.actual())))
                .as("examples routed elsewhere").isEmpty();
    }
}
