package io.socialwire.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.socialwire.model.SocialInteraction;
import io.socialwire.routing.RoutingRulesSource;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.FileSystemResource;

class EnricherTest {

    private static final LanguageDetection LANGUAGES =
            new LanguageDetection(List.of("en", "de", "fr", "es", "pt", "it"), false);

    private final Enricher enricher = new Enricher(LANGUAGES, new SentimentScoring(),
            io.socialwire.support.ProjectRouting.router());

    @Test
    void englishComplaintIsNegativeAndGoesToSupport() {
        SocialInteraction in = enricher.enrich(post("My order arrived broken and nobody answers. Terrible service!"));

        assertThat(in.language()).isEqualTo("en");
        assertThat(in.enrichment().sentiment().label()).isEqualTo("negative");
        assertThat(in.enrichment().sentiment().score()).isLessThan(-0.3);
        assertThat(in.enrichment().department()).isEqualTo("support");
        assertThat(in.enrichment().matchedRule()).isEqualTo("classifier");
        assertThat(in.enrichment().intent()).as("one of support's intents in its examples").isIn("delivery",
                "defect", "complaint");
        assertThat(in.enrichment().priority()).as("routing.yaml: an angry customer at 2").isEqualTo(2);
    }

    @Test
    void pricingQuestionGoesToSales() {
        SocialInteraction in = enricher.enrich(post("What is your pricing for 50 seats? Could we get a demo?"));

        assertThat(in.enrichment().department()).isEqualTo("sales");
        assertThat(in.enrichment().matchedRule()).isEqualTo("classifier");
        assertThat(in.enrichment().intent()).isIn("pricing", "quote", "demo-request");
    }

    @Test
    void nonEnglishTextHasUnknownSentimentRatherThanAGuess() {
        SocialInteraction in = enricher.enrich(post("Le service client est vraiment lent, je suis très déçu"));

        assertThat(in.language()).isEqualTo("fr");
        assertThat(in.enrichment().sentiment().label()).isEqualTo("unknown");
        assertThat(in.enrichment().sentiment().score()).isNull();
    }

    @Test
    void germanPricingQuestionIsDetectedAndRouted() {
        SocialInteraction in = enricher.enrich(post("Was kostet die Lizenz? Können Sie mir ein Angebot schicken?"));

        assertThat(in.language()).isEqualTo("de");
        assertThat(in.enrichment().department()).isEqualTo("sales");
    }

    @Test
    void languageGivenByTheChannelIsKept() {
        SocialInteraction given = new SocialInteraction("x:1", "x", "post", "1", "x:1", null, null, Instant.EPOCH,
                "ok", "es", null, null, null, null);

        assertThat(enricher.enrich(given).language()).isEqualTo("es");
    }

    private static SocialInteraction post(String text) {
        return new SocialInteraction("facebook:1", "facebook", "post", "1", "facebook:1", null, null, Instant.EPOCH,
                text, null, null, null, null, null);
    }
}
