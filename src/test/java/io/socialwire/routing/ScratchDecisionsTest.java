package io.socialwire.routing;

import java.time.Instant;
import java.util.List;

import io.socialwire.enrichment.Enricher;
import io.socialwire.enrichment.LanguageDetection;
import io.socialwire.enrichment.SentimentScoring;
import io.socialwire.model.Author;
import io.socialwire.model.SocialInteraction;
import io.socialwire.support.ProjectRouting;
import org.junit.jupiter.api.Test;

class ScratchDecisionsTest {
    @Test
    void print() {
        Enricher e = new Enricher(new LanguageDetection(List.of("en", "de", "fr", "es", "pt", "it"), false),
                new SentimentScoring(), ProjectRouting.router());
        String[][] posts = {
            {"facebook", "comment", "My order #4411 arrived broken and nobody answers. Terrible service!", "0"},
            {"x", "mention", "@acme what is your pricing for 50 seats? Could we get a demo next week?", "1200"},
            {"linkedin", "comment", "Are you hiring backend engineers in Lisbon? Where do I send my job application?", "0"},
            {"x", "post", "Absolutely love the new hub, our home has never felt so cosy! \"10/10\"", "900"},
            {"x", "post", "Feature request: please add a dark mode to the app 🙏", "0"},
            {"x", "post", "Reporter here: can Acme comment on the data breach?", "120000"},
            {"generic", "post", "Do you sponsor quantum knitting circles?", "0"},
            {"generic", "post", "hello", "0"},
            {"generic", "post", "take my money 😍 when can I preorder the new camera and is there a bundle deal with the hub?", "0"},
        };
        for (String[] p : posts) {
            SocialInteraction in = new SocialInteraction(p[0] + ":1", p[0], p[1], "1", p[0] + ":1", null, null,
                    Instant.parse("2026-11-17T10:00:00Z"), p[2], null,
                    new Author("1", "h", null, null, Long.parseLong(p[3]), p[3].equals("120000")), null, null, null);
            Enricher.Explained x = e.explain(in);
            System.out.printf("DECISION %s | %s %s %s p%d | %s | %s%n", p[2], x.interaction().enrichment().department(),
                    x.interaction().enrichment().matchedRule(), x.interaction().enrichment().intent(),
                    x.interaction().enrichment().priority(), x.conditions(), x.interaction().enrichment().sentiment());
        }
    }
}
