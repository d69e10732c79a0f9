package io.socialwire.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.socialwire.support.ProjectRouting;
import opennlp.tools.ml.model.MaxentModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The classifier's fast evaluation gives the probabilities OpenNLP's own gives, for the same trained model. */
class MaxentWeightsTest {

    private static List<DepartmentClassifier.Example> examples;
    private static MaxentModel model;

    @BeforeAll
    static void train() throws IOException {
        examples = LabelledExamples.load("config/routing-examples", Arrays.asList(
                new PathMatchingResourcePatternResolver().getResources("file:config/routing-examples/*.yaml")));
        List<DepartmentClassifier.Example> third = new ArrayList<>();
        for (int i = 0; i < examples.size(); i += 3) {
            third.add(examples.get(i));
        }
        model = DepartmentClassifier.model(third, DepartmentClassifier.Example::department);
    }

    @Test
    void everyPostGetsTheProbabilitiesOpenNlpGivesIt() {
        MaxentWeights weights = MaxentWeights.of(model);
        assertThat(weights.size()).isEqualTo(model.getNumOutcomes());
        List<String> posts = new ArrayList<>(examples.stream().map(DepartmentClassifier.Example::text).toList());
        posts.addAll(List.of("", "🙂🙂", "Помогите, заказ не пришёл", "注文が届きません", "@acme https://x.example/1 ??"));
        for (String post : posts) {
            String[] words = TextFeatures.words(post);
            double[] expected = model.eval(new TextFeatures().extractFeatures(words, Map.of())
                    .toArray(String[]::new));
            double[] actual = weights.eval(TextFeatures.hashes(words));
            for (int k = 0; k < expected.length; k++) {
                assertThat(weights.outcome(k)).isEqualTo(model.getOutcome(k));
                assertThat(actual[k]).as("%s for \"%s\"", model.getOutcome(k), post).isCloseTo(expected[k], within(1e-9));
            }
            assertThat(weights.best(actual)).isEqualTo(model.getBestOutcome(expected));
        }
    }

    @Test
    void theHashesOfAPostAreThoseOfItsFeatureStrings() {
        String[] words = TextFeatures.words("Rückerstattung bitte!! sooooo slow 😡 @acme https://x.example/1 注文");
        long[] fromStrings = new TextFeatures().extractFeatures(words, Map.of()).stream()
                .mapToLong(TextFeatures::hash).toArray();
        assertThat(TextFeatures.hashes(words)).containsExactly(fromStrings);
    }

    @Test
    void aPostWithNoKnownFeatureGetsEvenOdds() {
        MaxentWeights weights = MaxentWeights.of(model);
        double[] even = weights.eval(new long[] {TextFeatures.hash("w=qqqqzzzzxxxx"), 42L, 0L});
        for (double probability : even) {
            assertThat(probability).isCloseTo(1.0 / weights.size(), within(1e-12));
        }
    }
}
