package io.socialwire.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.socialwire.model.Author;
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
        assertInvalid(RULES.replace("department: pr", "department: Legal Team"), "rule 'crisis': department must be");
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

    private static final String REACH_RULES = """
            rules:
              - name: loud-and-angry
                department: pr
                priority: 1
                when:
                  followers: { min: 50000 }
                  sentiment: { max: -0.4 }
              - name: verified-small
                department: marketing
                priority: 4
                when:
                  verified: true
                  followers: { max: 999 }
              - name: after-hours
                department: support
                priority: 1
                when:
                  keywords: { any: [outage] }
                  time: { days: [mon, tue, wed, thu, fri], from: "08:00", to: "18:00", zone: Europe/Berlin, outside: true }
              - name: night-shift
                department: support
                priority: 2
                when:
                  keywords: { any: [night] }
                  time: { from: "22:00", to: "06:00" }
            default:
              department: support
              priority: 4
            """;

    @Test
    void followersAndVerifiedAreTheAuthorsAndAnUnknownReachNeverMatches() {
        RoutingRules reach = load(REACH_RULES);
        Sentiment angry = new Sentiment(-0.8, "negative");

        assertThat(reach.decide(by(250_000L, false, "awful"), angry).matchedRule()).isEqualTo("loud-and-angry");
        assertThat(reach.decide(by(49_999L, false, "awful"), angry).matchedRule()).isEqualTo("default");
        assertThat(reach.decide(by(null, false, "awful"), angry).matchedRule()).isEqualTo("default");
        assertThat(reach.decide(by(500L, true, "hi"), Sentiment.unknown()).matchedRule()).isEqualTo("verified-small");
        assertThat(reach.decide(by(500L, false, "hi"), Sentiment.unknown()).matchedRule()).isEqualTo("default");
    }

    @Test
    void timeWindowsAreOnTheWallClockOfTheirZoneAndMayCrossMidnight() {
        RoutingRules hours = load(REACH_RULES);
        // Tuesday 17:30 UTC is 18:30 in Berlin: after hours; Tuesday 10:00 UTC is 11:00: office hours
        assertThat(hours.decide(at("2026-11-17T17:30:00Z", "outage"), null).matchedRule()).isEqualTo("after-hours");
        assertThat(hours.decide(at("2026-11-17T10:00:00Z", "outage"), null).matchedRule()).isEqualTo("default");
        assertThat(hours.decide(at("2026-11-21T10:00:00Z", "outage"), null).matchedRule()).isEqualTo("after-hours");
        assertThat(hours.decide(at("2026-11-17T23:15:00Z", "night"), null).matchedRule()).isEqualTo("night-shift");
        assertThat(hours.decide(at("2026-11-17T05:59:00Z", "night"), null).matchedRule()).isEqualTo("night-shift");
        assertThat(hours.decide(at("2026-11-17T06:00:00Z", "night"), null).matchedRule()).isEqualTo("default");
    }

    @Test
    void anExplanationNamesEveryConditionThatHeld() {
        RoutingRules.Explanation why = load(REACH_RULES).explain(by(250_000L, true, "awful"),
                new Sentiment(-0.75, "negative"), Instant.EPOCH);

        assertThat(why.decision()).isEqualTo(new RoutingDecision("pr", 1, null, "loud-and-angry"));
        assertThat(why.conditions()).containsExactly("sentiment: -0.75 within [max -0.4]",
                "followers: 250000 within [min 50000]");
        assertThat(rules.explain(interaction("x", "post", "a LAWSUIT is coming", "en"), null, Instant.EPOCH)
                .conditions()).containsExactly("keywords.any: \"lawsuit\"");
        assertThat(rules.explain(interaction("x", "post", "hello", "en"), null, Instant.EPOCH).conditions()).isEmpty();
    }

    @Test
    void refusesTimeWindowsThatDoNotParse() {
        assertInvalid(REACH_RULES.replace("zone: Europe/Berlin", "zone: Mars/Olympus"),
                "rule 'after-hours': when.time.zone 'Mars/Olympus' is not a time zone");
        assertInvalid(REACH_RULES.replace("from: \"08:00\"", "from: \"8am\""),
                "rule 'after-hours': when.time.from and to must be times of day, HH:mm: '8am'");
        assertInvalid(REACH_RULES.replace("days: [mon,", "days: [monday, funday,"),
                "rule 'after-hours': when.time.days: 'funday' is not a day");
        assertInvalid(REACH_RULES.replace("followers: { max: 999 }", "followers: { min: 1000, max: 999 }"),
                "rule 'verified-small': when.followers.min is greater than max");
    }

    private static SocialInteraction by(Long followers, boolean verified, String text) {
        return new SocialInteraction("x:1", "x", "post", "1", "x:1", null, null, Instant.EPOCH, text, "en",
                new Author("1", "someone", null, null, followers, verified), null, null, null);
    }

    private static SocialInteraction at(String createdAt, String text) {
        return new SocialInteraction("x:1", "x", "post", "1", "x:1", null, null, Instant.parse(createdAt), text,
                "en", null, null, null, null);
    }

    private static SocialInteraction interaction(String channel, String kind, String text, String language) {
        return new SocialInteraction(channel + ":1", channel, kind, "1", channel + ":1", null, null,
                Instant.EPOCH, text, language, null, null, null, null);
    }

    private static RoutingRules load(String yaml) {
        return RoutingRules.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test-rules.yaml");
    }
}
