package io.socialwire.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.socialwire.enrichment.Enricher;
import io.socialwire.enrichment.LanguageDetection;
import io.socialwire.enrichment.SentimentScoring;
import io.socialwire.model.Author;
import io.socialwire.model.SocialInteraction;
import io.socialwire.support.ProjectRouting;
import org.junit.jupiter.api.Test;

/**
 * Measures routing as the hub does it (config/routing.yaml's rules, then the classifier learnt from
 * config/routing-examples/, then the default), with the real language detection and sentiment, and prints
 * per-department precision and recall:
 * <ul>
 * <li>on the held-out posts (src/test/resources/routing/holdout-posts.yaml), written apart from the examples and
 * never trained on: how routing does on posts nobody tuned it for;</li>
 * <li>by 5-fold cross-validation of the classifier over the examples: each fifth classified by a classifier learnt
 * from the other four.</li>
 * </ul>
 */
class RoutingAccuracyTest {

    private static final List<String> DEPARTMENTS = List.of("support", "sales", "hr", "marketing", "pr", "product");
    /** A Tuesday, 10:00 UTC: office hours wherever a rule's window is in Europe. */
    private static final Instant POSTED = Instant.parse("2026-11-17T10:00:00Z");
    private static final int FOLDS = 5;

    @Test
    void nineInTenHeldOutPostsReachTheirDepartmentAndPrAlertsAreRarelyFalse() throws IOException {
        Enricher enricher = new Enricher(new LanguageDetection(List.of("en", "de", "fr", "es", "pt", "it"), false),
                new SentimentScoring(), ProjectRouting.router());
        JsonNode posts;
        try (InputStream in = RoutingAccuracyTest.class.getResourceAsStream("/routing/holdout-posts.yaml")) {
            posts = new ObjectMapper(new YAMLFactory()).readTree(in).path("posts");
        }
        Confusion confusion = new Confusion();
        List<String> wrong = new ArrayList<>();
        int lowConfidence = 0;
        int n = 0;
        for (JsonNode post : posts) {
            n++;
            Enricher.Explained explained = enricher.explain(interaction(post, n));
            SocialInteraction routed = explained.interaction();
            String expected = post.path("department").asText();
            String actual = routed.enrichment().department();
            confusion.add(expected, actual);
            lowConfidence += Router.LOW_CONFIDENCE.equals(routed.enrichment().matchedRule()) ? 1 : 0;
            if (!expected.equals(actual)) {
                wrong.add(String.format("  %-9s -> %-9s (rule %s, %s, %s): %s", expected, actual,
                        routed.enrichment().matchedRule(), routed.language(), explained.conditions(),
                        post.path("text").asText()));
            }
        }
        System.out.println("Held-out posts (never trained on): " + confusion.report() + "low-confidence (to the "
                + "default, for a person to triage): " + lowConfidence + "\nMisrouted:\n" + String.join("\n", wrong));

        assertThat(n).as("held-out posts").isGreaterThanOrEqualTo(100);
        assertThat(confusion.accuracy()).as("share of held-out posts routed to their department")
                .isGreaterThanOrEqualTo(0.90);
        assertThat(confusion.precision("pr")).as("PR precision: a false crisis alert costs the most")
                .isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void crossValidationOfTheClassifierOverTheExamples() {
        List<DepartmentClassifier.Example> examples = new ArrayList<>(ProjectRouting.classifier().current()
                .examples());
        Collections.shuffle(examples, new Random(17));
        Confusion confusion = new Confusion();
        for (int fold = 0; fold < FOLDS; fold++) {
            List<DepartmentClassifier.Example> training = new ArrayList<>();
            List<DepartmentClassifier.Example> testing = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                (i % FOLDS == fold ? testing : training).add(examples.get(i));
            }
            DepartmentClassifier classifier = DepartmentClassifier.train(training);
            testing.forEach(e -> confusion.add(e.department(), classifier.classify(e.text()).department()));
        }
        System.out.println(FOLDS + "-fold cross-validation of the classifier alone (its likeliest department) over "
                + examples.size() + " examples: " + confusion.report());

        // a floor against a change that breaks learning; the figure itself is in the output (docs/routing.md)
        assertThat(confusion.accuracy()).as("cross-validated accuracy").isGreaterThanOrEqualTo(0.75);
    }

    /** Rows: the right department; columns: where it was routed. */
    private static final class Confusion {

        private final Map<String, Map<String, Integer>> counts = new TreeMap<>();
        private int posts;
        private int right;

        void add(String expected, String actual) {
            counts.computeIfAbsent(expected, k -> new TreeMap<>()).merge(actual, 1, Integer::sum);
            posts++;
            right += expected.equals(actual) ? 1 : 0;
        }

        double accuracy() {
            return (double) right / posts;
        }

        double recall(String department) {
            Map<String, Integer> row = counts.getOrDefault(department, Map.of());
            int total = row.values().stream().mapToInt(Integer::intValue).sum();
            return total == 0 ? 0 : (double) row.getOrDefault(department, 0) / total;
        }

        double precision(String department) {
            int predicted = counts.values().stream().mapToInt(row -> row.getOrDefault(department, 0)).sum();
            int hits = counts.getOrDefault(department, Map.of()).getOrDefault(department, 0);
            return predicted == 0 ? 0 : (double) hits / predicted;
        }

        String report() {
            StringBuilder out = new StringBuilder(String.format("accuracy on %d posts: %.1f%%%n", posts,
                    100 * accuracy()));
            out.append(String.format("%-10s %9s %7s %6s%n", "department", "precision", "recall", "posts"));
            for (String department : DEPARTMENTS) {
                int total = counts.getOrDefault(department, Map.of()).values().stream()
                        .mapToInt(Integer::intValue).sum();
                out.append(String.format("%-10s %8.1f%% %6.1f%% %6d%n", department, 100 * precision(department),
                        100 * recall(department), total));
            }
            return out.toString();
        }
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
