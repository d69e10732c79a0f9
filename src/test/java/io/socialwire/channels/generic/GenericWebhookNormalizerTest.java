package io.socialwire.channels.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.socialwire.model.SocialInteraction;
import io.socialwire.webhook.WebhookRejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenericWebhookNormalizerTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-22T10:00:00Z");

    private final GenericWebhookNormalizer normalizer =
            new GenericWebhookNormalizer(new ObjectMapper().registerModule(new JavaTimeModule()), 3);

    @Test
    void derivesIdConversationAndTimeAndIgnoresSuppliedEnrichment() {
        String body = """
                {"channel":"linkedin","kind":"comment","externalId":"urn:li:comment:(7,9)","text":"Ich brauche Hilfe",
                 "author":{"id":"a1","handle":"anna-k","displayName":"Anna K","followers":320,"verified":true},
                 "enrichment":{"department":"pr","priority":1}}""";

        SocialInteraction in = single(body);

        assertThat(in.id()).isEqualTo("linkedin:urn:li:comment:(7,9)");
        assertThat(in.conversationId()).isEqualTo(in.id());
        assertThat(in.createdAt()).isEqualTo(RECEIVED);
        assertThat(in.author().followers()).isEqualTo(320L);
        assertThat(in.author().verified()).isTrue();
        assertThat(in.enrichment()).isNull();
    }

    @Test
    void keepsWhatTheSenderGave() {
        String body = """
                [{"id":"reviews:g-1","channel":"reviews","kind":"review","externalId":"g-1","conversationId":"reviews:store-9",
                  "createdAt":"2026-11-20T08:00:00Z","text":"Two stars, slow delivery","rating":2,"language":"en",
                  "url":"https://reviews.example/g-1"},
                 {"channel":"x","kind":"reply","externalId":"5","inReplyToId":"x:4","conversationId":"x:1","text":"ok"}]""";

        List<SocialInteraction> all = normalizer.normalize(body.getBytes(StandardCharsets.UTF_8), RECEIVED);

        assertThat(all).hasSize(2);
        assertThat(all.get(0).id()).isEqualTo("reviews:g-1");
        assertThat(all.get(0).conversationId()).isEqualTo("reviews:store-9");
        assertThat(all.get(0).createdAt()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
        assertThat(all.get(0).rating()).isEqualTo(2);
        assertThat(all.get(0).language()).isEqualTo("en");
        assertThat(all.get(1).inReplyToId()).isEqualTo("x:4");
        assertThat(all.get(1).conversationId()).isEqualTo("x:1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON           | {                                                                  | not valid JSON",
        "a string           | \"hello\"                                                          | must be an interaction object",
        "empty array        | []                                                                 | empty array",
        "no channel         | {\"kind\":\"post\",\"externalId\":\"1\",\"text\":\"t\"}            | $.channel is missing",
        "unknown channel    | {\"channel\":\"myspace\",\"kind\":\"post\",\"externalId\":\"1\",\"text\":\"t\"} "
            + "| $.channel must be one of [bluesky, facebook, generic, instagram, linkedin, mastodon, messenger, "
            + "reviews, x]",
        "no externalId      | {\"channel\":\"x\",\"kind\":\"post\",\"text\":\"t\"}               | $.externalId is missing",
        "unknown kind       | {\"channel\":\"x\",\"kind\":\"tweet\",\"externalId\":\"1\",\"text\":\"t\"} | $.kind must be one of",
        "no text            | {\"channel\":\"x\",\"kind\":\"post\",\"externalId\":\"1\"}         | $.text is missing",
        "bad time           | {\"channel\":\"x\",\"kind\":\"post\",\"externalId\":\"1\",\"text\":\"t\",\"createdAt\":\"soon\"} | does not match the interaction schema",
        "element not object | [{\"channel\":\"x\",\"kind\":\"post\",\"externalId\":\"1\",\"text\":\"t\"},3] | $[1] must be an object",
    })
    void malformedInteractionsAreRefusedWithTheFieldNamed(String name, String body, String reason) {
        assertThatThrownBy(() -> normalizer.normalize(body.getBytes(StandardCharsets.UTF_8), RECEIVED))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains(reason).doesNotContain("soon");
                });
    }

    @Test
    void anArrayOfMoreInteractionsThanAllowedIsRefusedWith413NamingTheLimit() {
        String item = "{\"channel\":\"x\",\"kind\":\"post\",\"externalId\":\"%d\",\"text\":\"t\"}";
        String three = "[" + String.join(",", item.formatted(1), item.formatted(2), item.formatted(3)) + "]";
        String four = three.replace("]", "," + item.formatted(4) + "]");

        assertThat(normalizer.normalize(three.getBytes(StandardCharsets.UTF_8), RECEIVED)).hasSize(3);
        assertThatThrownBy(() -> normalizer.normalize(four.getBytes(StandardCharsets.UTF_8), RECEIVED))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.metricReason()).isEqualTo("too_large");
                    assertThat(e.getMessage()).isEqualTo("$ holds 4 interactions; at most 3 are accepted per request"
                            + " (socialwire.webhooks.max-items)");
                });
    }

    private SocialInteraction single(String body) {
        List<SocialInteraction> all = normalizer.normalize(body.getBytes(StandardCharsets.UTF_8), RECEIVED);
        assertThat(all).hasSize(1);
        return all.get(0);
    }
}
