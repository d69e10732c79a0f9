package io.socialwire.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.socialwire.model.Sentiment;
import io.socialwire.model.SocialInteraction;
import org.junit.jupiter.api.Test;

class RoutingRulesTest {

    private static final String RULES = """
            rules:
              - name: crisis
                department: pr
                priority: 1
                when:
                  keywords: { any: [lawsuit, data breach] }
              - name: german-sales
                department: sales
                priority: 2
                when:
                  keywords: { all: [preis, demo] }
                  languages: [de]
              - name: instagram-dm
                department: support
                priority: 2
                when:
                  channels: [instagram]
                  kinds: [direct_message]
              - name: order-number
                department: support
                priority: 3
                when:
                  regex: "order #?\\\\d{4,}"
              - name: angry
                department: support
                priority: 2
                when:
                  sentiment: { max: -0.5 }
              - name: mildly-happy
                department: marketing
                priority: 5
                when:
                  sentiment: { min: 0.2, max: 0.6 }
            default:
              department: hr
              priority: 4
            """;

    private final RoutingRules rules = load(RULES);

    @Test
    void keywordsAnyMatchWholeWordsAndPhrasesInAnyCase() {
        assertThat(route("We will file a LAWSUIT", null).matchedRule()).isEqualTo("crisis");
        assertThat(route("another data breach?!", null).matchedRule()).isEqualTo("crisis");
        assertThat(route("lawsuits are not whole words", null).matchedRule()).isEqualTo("default");
    }

    @Test
    void keywordsAllNeedEveryWordAndTheLanguage() {
        assertThat(route("Preis und Demo bitte", "de").matchedRule()).isEqualTo("german-sales");
        assertThat(route("Preis bitte", "de").matchedRule()).isEqualTo("default");
        assertThat(route("Preis und Demo bitte", "en").matchedRule()).isEqualTo("default");
    }

    @Test
    void channelAndKindMustBothHold() {
        RoutingDecision dm = rules.decide(interaction("instagram", "direct_message", "hi", null), Sentiment.unknown());
        RoutingDecision comment = rules.decide(interaction("instagram", "comment", "hi", null), Sentiment.unknown());

        assertThat(dm.matchedRule()).isEqualTo("instagram-dm");
        assertThat(comment.matchedRule()).isEqualTo("default");
    }

    @Test
    void regexMatchesAnywhereIgnoringCase() {
        assertThat(route("About ORDER #12345", null).matchedRule()).isEqualTo("order-number");
        assertThat(route("about order 12", null).matchedRule()).isEqualTo("default");
    }

    @Test
    void sentimentRangeIsInclusiveAndNeverHoldsWhenUnknown() {
        assertThat(rules.decide(interaction("x", "post", "meh", "en"), new Sentiment(-0.5, "negative"))
                .matchedRule()).isEqualTo("angry");
        assertThat(rules.decide(interaction("x", "post", "meh", "en"), new Sentiment(-0.49, "negative"))
                .matchedRule()).isEqualTo("default");
        assertThat(rules.decide(interaction("x", "post", "meh", "en"), new Sentiment(0.6, "positive"))
                .matchedRule()).isEqualTo("mildly-happy");
        assertThat(rules.decide(interaction("x", "post", "meh", "fr"), Sentiment.unknown())
                .matchedRule()).isEqualTo("default");
    }

    @Test
    void firstMatchingRuleWinsAndCarriesItsDepartmentAndPriority() {
        RoutingDecision decision = rules.decide(interaction("x", "post", "lawsuit about order #99999", "en"),
                new Sentiment(-0.9, "negative"));

        assertThat(decision).isEqualTo(new RoutingDecision("pr", 1, null, "crisis"));
    }

    @Test
    void defaultAppliesWhenNothingMatches() {
        assertThat(route("hello there", "en")).isEqualTo(new RoutingDecision("hr", 4, null, "default"));
    }

    @Test
    void refusesInvalidRulesNamingTheRuleAndField() {
        assertInvalid(RULES.replace("department: pr", "department: legal"), "rule 'crisis': department must be");
        assertInvalid(RULES.replace("priority: 1", "priority: 9"), "rule 'crisis': priority must be 1");
        assertInvalid(RULES.replace("order #?", "order (#?"), "rule 'order-number': when.regex");
        assertInvalid(RULES.replace("min: 0.2, max: 0.6", "min: 0.7, max: 0.6"), "min is greater than max");
        assertInvalid(RULES.replace("name: angry", "name: crisis"), "'crisis' is used twice");
        assertInvalid(RULES.replace("keywords: { any: [lawsuit", "keyword: { any: [lawsuit"),
                "line 6 field rules[0].when.keyword: Unrecognized field \"keyword\"");
        assertInvalid(RULES.substring(0, RULES.indexOf("default:")), "'default' is missing");
    }

    private static void assertInvalid(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(RulesException.class)
                .hasMessageContaining("test-rules.yaml").hasMessageContaining(message);
    }

    private RoutingDecision route(String text, String language) {
        return rules.decide(interaction("facebook", "comment", text, language), Sentiment.unknown());
    }

    private static SocialInteraction interaction(String channel, String kind, String text, String language) {
        return new SocialInteraction(channel + ":1", channel, kind, "1", channel + ":1", null, null,
                Instant.EPOCH, text, language, null, null, null, null);
    }

    private static RoutingRules load(String yaml) {
        return RoutingRules.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test-rules.yaml");
    }
}
