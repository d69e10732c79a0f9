package io.socialwire.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 * Measures the default rules (config/routing.yaml) on labelled sets of posts written for the project
 * (src/test/resources/routing/: five departments, six languages), with the real language detection and
 * sentiment, and prints per-department precision and recall. The language is detected, not taken
 * from the label, as channels rarely say it.
 */
class RoutingAccuracyTest {

    private static final List<String> DEPARTMENTS = List.of("support", "sales", "hr", "marketing", "pr");
    /** A Tuesday, 10:00 UTC: office hours wherever a rule's window is in Europe. */
    private static final Instant POSTED = Instant.parse("2026-11-17T10:00:00Z");

    @Test
    void defaultRulesRouteAtLeastNinetyPercentOfTheLabelledPostsRight() throws IOException {
        Measured labelled = measure("labelled-posts.yaml");

        assertThat(labelled.posts()).as("labelled posts").isGreaterThanOrEqualTo(200);
        assertThat(labelled.accuracy()).as("share of labelled posts routed to their department")
                .isGreaterThanOrEqualTo(0.90);
        for (String department : DEPARTMENTS) {
            assertThat(recall(labelled.confusion(), department)).as("recall of " + department)
                    .isGreaterThanOrEqualTo(0.80);
            assertThat(precision(labelled.confusion(), department)).as("precision of " + department)
                    .isGreaterThanOrEqualTo(0.80);
        }
    }

    /**
     * The rules were tuned on labelled-posts.yaml; holdout-posts.yaml was written separately and is never used to
     * tune them, so it estimates how they do on posts nobody has seen. It guards against rules that only fit.
     */
    @Test
    void defaultRulesGeneraliseToPostsTheyWereNotTunedOn() throws IOException {
        Measured holdout = measure("holdout-posts.yaml");

        assertThat(holdout.posts()).as("held-out posts").isGreaterThanOrEqualTo(100);
        assertThat(holdout.accuracy()).as("share of held-out posts routed to their department")
                .isGreaterThanOrEqualTo(0.75);
    }

    private record Measured(int posts, double accuracy, Map<String, Map<String, Integer>> confusion) {
    }

    private static Measured measure(String file) throws IOException {
        Enricher enricher = new Enricher(new LanguageDetection(List.of("en", "de", "fr", "es", "pt", "it"), false),
                new SentimentScoring(), new RoutingRulesSource(new FileSystemResource("config/routing.yaml")));
        JsonNode posts;
        try (InputStream in = RoutingAccuracyTest.class.getResourceAsStream("/routing/" + file)) {
            posts = new ObjectMapper(new YAMLFactory()).readTree(in).path("posts");
        }
        Map<String, Map<String, Integer>> confusion = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        int right = 0;
        int n = 0;
        for (JsonNode post : posts) {
            n++;
            SocialInteraction routed = enricher.enrich(interaction(post, n));
            String expected = post.path("department").asText();
            String actual = routed.enrichment().department();
            confusion.computeIfAbsent(expected, k -> new TreeMap<>()).merge(actual, 1, Integer::sum);
            if (expected.equals(actual)) {
                right++;
            } else {
                wrong.add(String.format("  %-9s -> %-9s (rule %s, %s, sentiment %s): %s", expected, actual,
                        routed.enrichment().matchedRule(), routed.language(),
                        routed.enrichment().sentiment().score(), post.path("text").asText()));
            }
        }
        System.out.println(file + ": " + report(confusion, n, right) + "Misrouted:\n" + String.join("\n", wrong));
        return new Measured(n, (double) right / n, confusion);
    }

    private static String report(Map<String, Map<String, Integer>> confusion, int n, int right) {
        StringBuilder out = new StringBuilder(String.format("Routing accuracy on %d labelled posts: %.1f%%%n", n,
                100.0 * right / n));
        out.append(String.format("%-10s %9s %7s %6s%n", "department", "precision", "recall", "posts"));
        for (String department : DEPARTMENTS) {
            out.append(String.format("%-10s %8.1f%% %6.1f%% %6d%n", department, 100 * precision(confusion, department),
                    100 * recall(confusion, department), confusion.getOrDefault(department, Map.of()).values()
                            .stream().mapToInt(Integer::intValue).sum()));
        }
        return out.toString();
    }

    private static double recall(Map<String, Map<String, Integer>> confusion, String department) {
        Map<String, Integer> row = confusion.getOrDefault(department, Map.of());
        int total = row.values().stream().mapToInt(Integer::intValue).sum();
        return total == 0 ? 0 : (double) row.getOrDefault(department, 0) / total;
    }

    private static double precision(Map<String, Map<String, Integer>> confusion, String department) {
        int predicted = confusion.values().stream().mapToInt(row -> row.getOrDefault(department, 0)).sum();
        int right = confusion.getOrDefault(department, Map.of()).getOrDefault(department, 0);
        return predicted == 0 ? 0 : (double) right / predicted;
    }

    private static SocialInteraction interaction(JsonNode post, int n) {
        String channel = post.path("channel").asText("generic");
        String id = channel + ":labelled-" + n;
        Author author = new Author("a" + n, "author" + n, null, null, post.path("followers").asLong(),
                post.path("verified").asBoolean());
        return new SocialInteraction(id, channel, post.path("kind").asText("post"), "labelled-" + n, id, null, null,
                POSTED, post.path("text").asText(), null, author, null, null, null);
    }
}
