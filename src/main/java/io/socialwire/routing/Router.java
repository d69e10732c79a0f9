package io.socialwire.routing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.socialwire.model.Sentiment;
import io.socialwire.model.SocialInteraction;
import org.springframework.beans.factory.DisposableBean;

/**
 * Decides which department owns a new conversation: the rules first (config/routing.yaml: reach, verification,
 * office hours, channels and kinds, overrides), which decide when one of them holds; otherwise the classifier
 * learnt from config/routing-examples/, when it is sure enough; otherwise the rules' default, marked
 * {@value #LOW_CONFIDENCE} so a person triages it.
 */
public final class Router implements DisposableBean {

    /** The "rule" of a decision the classifier made. */
    public static final String CLASSIFIER = "classifier";
    /** The "rule" of a decision left to the default because the classifier was not sure enough. */
    public static final String LOW_CONFIDENCE = "low-confidence";

    /**
     * A decision and why: the conditions of the rule that held, or the classifier's reading, with every
     * department's probability (likeliest first) when the classifier was asked. The why is put in words only when
     * asked for (explain, the trace): dispatch reads the decision alone.
     */
    public static final class Routed {

        private final RoutingDecision decision;
        private final List<String> ruleConditions;
        private final DepartmentClassifier.Prediction prediction;
        private final double needed;

        private Routed(RoutingDecision decision, List<String> ruleConditions,
                       DepartmentClassifier.Prediction prediction, double needed) {
            this.decision = decision;
            this.ruleConditions = ruleConditions;
            this.prediction = prediction;
            this.needed = needed;
        }

        public RoutingDecision decision() {
            return decision;
        }

        public List<String> conditions() {
            if (prediction == null) {
                return ruleConditions;
            }
            String reading = prediction.department() + " " + percent(prediction.probability());
            return List.of(CLASSIFIER.equals(decision.matchedRule())
                    ? "the classifier: " + reading + " (min-confidence " + percent(needed) + ")"
                    : "the classifier's likeliest, " + reading + ", is below its min-confidence " + percent(needed));
        }

        /** The classifier's likeliest department, when it was asked; else null. */
        public String likeliest() {
            return prediction == null ? null : prediction.department();
        }

        /** The probability of {@link #likeliest()}; 0 when the classifier was not asked. */
        public double likeliestProbability() {
            return prediction == null ? 0 : prediction.probability();
        }

        /** Every department's probability, likeliest first, when the classifier was asked; else null. */
        public Map<String, Double> probabilities() {
            if (prediction == null) {
                return null;
            }
            Map<String, Double> probabilities = new LinkedHashMap<>();
            prediction.scores().forEach(score -> probabilities.put(score.department(), score.probability()));
            return probabilities;
        }
    }

    /** An example like the post, where it is written, and how alike they are (0 to 1). */
    public record NearestExample(String text, String department, String intent, String where, double similarity) {
    }

    private final RoutingRulesSource rules;
    private final ClassifierSource classifier;

    /** {@code classifier} may be null: the rules and their default decide alone. */
    public Router(RoutingRulesSource rules, ClassifierSource classifier) {
        this.rules = rules;
        this.classifier = classifier;
    }

    public Routed route(SocialInteraction interaction, Sentiment sentiment, Instant now) {
        return route(rules.current(), interaction, sentiment, now);
    }

    /** As {@link #route(SocialInteraction, Sentiment, Instant)}, with other rules than the active ones. */
    public Routed route(RoutingRules current, SocialInteraction interaction, Sentiment sentiment, Instant now) {
        Optional<RoutingRules.Explanation> held = current.held(interaction, sentiment, now);
        if (held.isPresent()) {
            return new Routed(held.get().decision(), held.get().conditions(), null, 0);
        }
        RoutingDecision fallback = current.fallback();
        if (classifier == null) {
            return new Routed(fallback, List.of(), null, 0);
        }
        DepartmentClassifier.Prediction prediction = classifier.current().classify(interaction.text());
        RoutingRules.ClassifierSettings settings = current.classifier();
        double needed = settings.minConfidence(prediction.department());
        RoutingDecision decision = prediction.probability() >= needed
                ? new RoutingDecision(prediction.department(),
                        settings.priority(prediction.department(), prediction.intent(), sentiment), prediction.intent(),
                        CLASSIFIER)
                : new RoutingDecision(fallback.department(), fallback.priority(), fallback.intent(), LOW_CONFIDENCE);
        return new Routed(decision, List.of(), prediction, needed);
    }

    /** The {@code count} examples most like the text, to show why the classifier reads it as it does. */
    public List<NearestExample> nearest(String text, int count) {
        if (classifier == null) {
            return List.of();
        }
        return classifier.current().nearest(text, count).stream().map(n -> new NearestExample(n.example().text(),
                n.example().department(), n.example().intent(), n.example().where(), round(n.similarity()))).toList();
    }

    /** From now on, rules and examples must name only departments with a route; checked at once. */
    public void requireRoutes(Supplier<Set<String>> departments) {
        rules.requireRoutes(departments);
        if (classifier != null) {
            classifier.requireRoutes(departments);
        }
    }

    /** Rules given as text (not saved), checked as an edit of the file would be; a {@link RulesException} if bad. */
    public RoutingRules proposed(String yaml) {
        return rules.proposed(yaml);
    }

    /** The active rules as written. */
    public String rulesText() {
        return rules.text();
    }

    public RoutingRulesSource.Status rulesStatus() {
        return rules.status();
    }

    /** What the classifier learnt from, or null when there is none. */
    public ClassifierSource.Status classifierStatus() {
        return classifier == null ? null : classifier.status();
    }

    @Override
    public void destroy() {
        if (classifier != null) {
            classifier.destroy();
        }
    }

    private static String percent(double probability) {
        return Math.round(probability * 100) + "%";
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
