package io.socialwire.routing;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.socialwire.enrichment.SentimentScoring;
import io.socialwire.model.Author;
import io.socialwire.model.Sentiment;
import io.socialwire.model.SocialInteraction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.core.io.FileSystemResource;

/**
 * The cost per interaction of routing (issue 17: at most 50 µs on the project's 2-core machine), run by
 * bench/classifier from the project's root, never by the test suite (it is not a JUnit test):
 * <ul>
 * <li>{@code classify}: the classifier alone, as trained from config/routing-examples/, over the held-out posts
 * (six languages, never trained on) and the ten longest examples, in turn;</li>
 * <li>{@code features}: reading the post's features alone (words and character n-grams), the part of
 * {@code classify} that is not the models';</li>
 * <li>{@code route}: the whole decision, config/routing.yaml's rules first and the classifier when none holds, over
 * the held-out posts with their channel, kind, reach and sentiment.</li>
 * </ul>
 * Public, as JMH's generated harness needs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClassifierBenchmark {

    /** A Tuesday, 10:00 UTC: office hours wherever a rule's window is in Europe. */
    private static final Instant POSTED = Instant.parse("2026-11-17T10:00:00Z");
    private static final int LONGEST_EXAMPLES = 10;

    private DepartmentClassifier classifier;
    private Router router;
    private String[] texts;
    private SocialInteraction[] interactions;
    private Sentiment[] sentiments;
    private int nextText;
    private int nextInteraction;

    @Setup
    public void train() throws IOException {
        ClassifierSource source = new ClassifierSource("file:config/routing-examples/*.yaml");
        classifier = source.current();
        router = new Router(new RoutingRulesSource(new FileSystemResource("config/routing.yaml")), source);

        JsonNode posts;
        try (InputStream in = ClassifierBenchmark.class.getResourceAsStream("/routing/holdout-posts.yaml")) {
            posts = new ObjectMapper(new YAMLFactory()).readTree(in).path("posts");
        }
        SentimentScoring sentiment = new SentimentScoring();
        List<String> textList = new ArrayList<>();
        List<SocialInteraction> interactionList = new ArrayList<>();
        List<Sentiment> sentimentList = new ArrayList<>();
        for (JsonNode post : posts) {
            SocialInteraction interaction = interaction(post, interactionList.size());
            textList.add(interaction.text());
            interactionList.add(interaction);
            sentimentList.add(sentiment.score(interaction.text(), post.path("language").asText()));
        }
        classifier.examples().stream().map(DepartmentClassifier.Example::text)
                .sorted(Comparator.comparingInt(String::length).reversed()).limit(LONGEST_EXAMPLES)
                .forEach(textList::add);
        texts = textList.toArray(String[]::new);
        interactions = interactionList.toArray(SocialInteraction[]::new);
        sentiments = sentimentList.toArray(Sentiment[]::new);
    }

    @Benchmark
    public DepartmentClassifier.Prediction classify() {
        String text = texts[nextText];
        nextText = (nextText + 1) % texts.length;
        return classifier.classify(text);
    }

    @Benchmark
    public int features() {
        String text = texts[nextText];
        nextText = (nextText + 1) % texts.length;
        return DepartmentClassifier.featureHashes(text).length;
    }

    @Benchmark
    public Router.Routed route() {
        int i = nextInteraction;
        nextInteraction = (i + 1) % interactions.length;
        return router.route(interactions[i], sentiments[i], POSTED);
    }

    private static SocialInteraction interaction(JsonNode post, int n) {
        String channel = post.path("channel").asText("generic");
        String id = channel + ":bench-" + n;
        Author author = new Author("a" + n, "author" + n, null, null, post.path("followers").asLong(),
                post.path("verified").asBoolean());
        return new SocialInteraction(id, channel, post.path("kind").asText("post"), "bench-" + n, id, null, null,
                POSTED, post.path("text").asText(), post.path("language").asText(), author, null, null, null);
    }
}
