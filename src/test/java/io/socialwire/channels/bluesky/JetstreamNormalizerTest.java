package io.socialwire.channels.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.Fixtures;
import io.socialwire.model.SocialInteraction;
import org.junit.jupiter.api.Test;

class JetstreamNormalizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JetstreamNormalizer normalizer = new JetstreamNormalizer(List.of("did:plc:acme"));

    @Test
    void mentionsAndRepliesToTheBrandBecomeInteractionsEverythingElseIsSkipped() {
        List<Optional<SocialInteraction>> all = Fixtures.text("fixtures/bluesky/events.jsonl").lines()
                .map(line -> normalizer.normalize(read(line))).toList();

        assertThat(all).extracting(Optional::isPresent).containsExactly(true, false, true, false, false, false, false);
        SocialInteraction mention = all.get(0).orElseThrow();
        assertThat(mention.id()).isEqualTo("bluesky:at://did:plc:fan123/app.bsky.feed.post/3l3qo2vutsw2b");
        assertThat(mention.kind()).isEqualTo("mention");
        assertThat(mention.conversationId()).isEqualTo(mention.id());
        assertThat(mention.url()).isEqualTo("https://bsky.app/profile/did:plc:fan123/post/3l3qo2vutsw2b");
        assertThat(mention.createdAt()).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(mention.language()).isEqualTo("en");
        assertThat(mention.author().profileUrl()).isEqualTo("https://bsky.app/profile/did:plc:fan123");
        SocialInteraction reply = all.get(2).orElseThrow();
        assertThat(reply.kind()).isEqualTo("reply");
        assertThat(reply.text()).isEqualTo("Das Update ist kaputt, nichts funktioniert mehr 😡");
        assertThat(reply.conversationId()).isEqualTo("bluesky:at://did:plc:acme/app.bsky.feed.post/3l3brandpost");
        assertThat(reply.inReplyToId()).isEqualTo(reply.conversationId());
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
