package io.socialwire.enrichment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.socialwire.model.Enrichment;
import io.socialwire.model.Sentiment;
import io.socialwire.model.SocialInteraction;
import io.socialwire.routing.Router;
import io.socialwire.routing.RoutingDecision;
import io.socialwire.routing.RoutingRules;
import org.apache.camel.Exchange;
import org.apache.camel.Handler;
import org.springframework.stereotype.Component;

/**
 * The enrich step of the dispatch route: language (unless the channel already told it), sentiment, then the
 * routing decision (rules, then the classifier); it also sets the {@code department} header the route chooses a sink by, and the
 * {@code interactionId} header the sinks find earlier records by.
 */
@Component("enricher")
public class Enricher {

    public static final String DEPARTMENT_HEADER = "department";
    public static final String INTERACTION_ID_HEADER = "interactionId";
    /** The exchange property holding the {@link Explained} decision, for the interaction's trace. */
    public static final String EXPLAINED_PROPERTY = "socialwireExplained";

    private final LanguageDetection languages;
    private final SentimentScoring sentiments;
    private final Router router;

    public Enricher(LanguageDetection languages, SentimentScoring sentiments, Router router) {
        this.languages = languages;
        this.sentiments = sentiments;
        this.router = router;
    }

    @Handler
    public SocialInteraction enrich(SocialInteraction interaction, Exchange exchange) {
        Explained explained = explain(interaction);
        SocialInteraction enriched = explained.interaction();
        exchange.setProperty(EXPLAINED_PROPERTY, explained);
        exchange.getMessage().setHeader(DEPARTMENT_HEADER, enriched.enrichment().department());
        exchange.getMessage().setHeader(INTERACTION_ID_HEADER, enriched.id());
        return enriched;
    }

    public SocialInteraction enrich(SocialInteraction interaction) {
        return explain(interaction).interaction();
    }

    /**
     * The enriched interaction, and why it goes where it goes: the conditions of the rule that held, or the
     * classifier's reading with every department's probability.
     */
    public Explained explain(SocialInteraction interaction) {
        return explain(interaction, null);
    }

    /** As {@link #explain(SocialInteraction)}, by the rules given (null: the active ones). */
    public Explained explain(SocialInteraction interaction, RoutingRules rules) {
        String language = interaction.language() != null ? interaction.language()
                : languages.detect(interaction.text());
        Sentiment sentiment = sentiments.score(interaction.text(), language);
        SocialInteraction withLanguage = interaction.withEnrichment(language, null);
        Router.Routed why = rules == null ? router.route(withLanguage, sentiment, Instant.now())
                : router.route(rules, withLanguage, sentiment, Instant.now());
        RoutingDecision decision = why.decision();
        return new Explained(interaction.withEnrichment(language, new Enrichment(decision.department(),
                decision.intent(), sentiment, decision.priority(), decision.matchedRule())), why);
    }

    public record Explained(SocialInteraction interaction, Router.Routed why) {

        public List<String> conditions() {
            return why.conditions();
        }

        /** Each department's probability, when the classifier was asked (no rule held); else null. */
        public Map<String, Double> probabilities() {
            return why.probabilities();
        }
    }
}
