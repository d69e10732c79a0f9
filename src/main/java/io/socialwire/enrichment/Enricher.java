package io.socialwire.enrichment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.socialwire.model.Enrichment;
import io.socialwire.model.Sentiment;
import io.socialwire.model.SocialInteraction;
import io.socialwire.routing.Router;
import io.socialwire.routing.RoutingDecision;
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
        SocialInteraction enriched = enrich(interaction);
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
        String language = interaction.language() != null ? interaction.language()
                : languages.detect(interaction.text());
        Sentiment sentiment = sentiments.score(interaction.text(), language);
        SocialInteraction withLanguage = interaction.withEnrichment(language, null);
        Router.Routed why = router.route(withLanguage, sentiment, Instant.now());
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
