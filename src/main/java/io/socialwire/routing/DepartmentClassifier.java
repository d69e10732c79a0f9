package io.socialwire.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;

/**
 * Which department a post belongs to, learnt from labelled examples (config/routing-examples/): OpenNLP's document
 * categorizer, a maximum-entropy model over {@link TextFeatures} for the department, and one per department for its
 * intents, evaluated through {@link MaxentWeights}. Classifying reads the post's features once (as hashes) and asks
 * the department model, then the chosen department's;
 * {@link #nearest} finds the examples most like a post, to explain a decision.
 */
final class DepartmentClassifier {

    /** One labelled post, and where it is written ("config/routing-examples/sales.yaml line 12"). */
    record Example(String text, String department, String intent, String language, String where) {
    }

    record Score(String department, double probability) {
    }

    /** The likeliest department, its probability, its likeliest intent, and every department's probability. */
    record Prediction(String department, double probability, String intent, List<Score> scores) {
    }

    record Nearest(Example example, double similarity) {
    }

    private static final FeatureGenerator FEATURES = new TextFeatures();
    private static final int ITERATIONS = 100;

    private final MaxentWeights departments;
    /**
     * Per department, a model of its intents learnt from its examples alone: the classifier asks only the chosen
     * department's, a sixth of the parameters of one model of every department's intents (reading them from memory
     * is what evaluation costs, bench/classifier).
     */
    private final Map<String, MaxentWeights> intents;
    /** The intent of a department whose examples all name the same one. */
    private final Map<String, String> onlyIntents;
    private final List<Example> examples;
    /** The examples' features, for {@link #nearest}: built when explain first asks (dispatch never does). */
    private volatile List<Set<String>> exampleFeatures;

    private DepartmentClassifier(MaxentModel departments, Map<String, MaxentModel> intents,
                                 Map<String, String> onlyIntents, List<Example> examples) {
        this.departments = MaxentWeights.of(departments);
        this.intents = intents.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> MaxentWeights.of(e.getValue())));
        this.onlyIntents = onlyIntents;
        this.examples = List.copyOf(examples);
    }

    static DepartmentClassifier train(List<Example> examples) {
        Map<String, MaxentModel> intents = new HashMap<>();
        Map<String, String> onlyIntents = new HashMap<>();
        examples.stream().collect(Collectors.groupingBy(Example::department)).forEach((department, ofDepartment) -> {
            Set<String> named = ofDepartment.stream().map(Example::intent).collect(Collectors.toSet());
            if (named.size() == 1) {
                onlyIntents.put(department, named.iterator().next()); // nothing to tell apart, nothing to learn
            } else {
                intents.put(department, model(ofDepartment, Example::intent));
            }
        });
        return new DepartmentClassifier(model(examples, Example::department), Map.copyOf(intents),
                Map.copyOf(onlyIntents), examples);
    }

    static MaxentModel model(List<Example> examples, Function<Example, String> label) {
        List<DocumentSample> samples = examples.stream()
                .map(e -> new DocumentSample(label.apply(e), TextFeatures.words(e.text()))).toList();
        TrainingParameters parameters = new TrainingParameters();
        // GIS stopped at 100 iterations generalised better in cross-validation than L-BFGS run to convergence with
        // L2 (0.1 to 1): the early stop is the regularisation
        parameters.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT");
        parameters.put(TrainingParameters.ITERATIONS_PARAM, ITERATIONS);
        parameters.put(TrainingParameters.CUTOFF_PARAM, 1);
        try {
            return DocumentCategorizerME.train("mul", new CollectionObjectStream<>(samples), parameters,
                    new DoccatFactory(new FeatureGenerator[] {FEATURES})).getMaxentModel();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Prediction classify(String text) {
        long[] features = featureHashes(text);
        double[] byDepartment = departments.eval(features);
        List<Score> scores = new ArrayList<>(byDepartment.length);
        for (int i = 0; i < byDepartment.length; i++) {
            scores.add(new Score(departments.outcome(i), byDepartment[i]));
        }
        scores.sort(Comparator.comparingDouble(Score::probability).reversed());
        Score best = scores.get(0);
        return new Prediction(best.department(), best.probability(), intent(features, best.department()),
                List.copyOf(scores));
    }

    private String intent(long[] features, String department) {
        MaxentWeights ofDepartment = intents.get(department);
        return ofDepartment == null ? onlyIntents.get(department) : ofDepartment.best(ofDepartment.eval(features));
    }

    /** The {@code count} examples whose features are most like the post's (Jaccard similarity). */
    List<Nearest> nearest(String text, int count) {
        Set<String> post = new HashSet<>(features(text));
        List<Set<String>> exampleFeatures = exampleFeatures();
        List<Nearest> found = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            Set<String> example = exampleFeatures.get(i);
            long shared = post.stream().filter(example::contains).count();
            double union = post.size() + example.size() - shared;
            found.add(new Nearest(examples.get(i), union == 0 ? 0 : shared / union));
        }
        found.sort(Comparator.comparingDouble(Nearest::similarity).reversed());
        return List.copyOf(found.subList(0, Math.min(count, found.size())));
    }

    private List<Set<String>> exampleFeatures() {
        List<Set<String>> built = exampleFeatures;
        if (built == null) {
            built = examples.stream().map(e -> Set.copyOf(features(e.text()))).toList();
            exampleFeatures = built; // two explains at once may both build it: the same list, no harm
        }
        return built;
    }

    Set<String> departments() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < departments.size(); i++) {
            names.add(departments.outcome(i));
        }
        return names;
    }

    int size() {
        return examples.size();
    }

    List<Example> examples() {
        return examples;
    }

    /** What the classifier reads of the text (bench/classifier measures it apart). */
    static long[] featureHashes(String text) {
        return TextFeatures.hashes(TextFeatures.words(text));
    }

    private static Collection<String> features(String text) {
        return FEATURES.extractFeatures(TextFeatures.words(text), Map.of());
    }
}
