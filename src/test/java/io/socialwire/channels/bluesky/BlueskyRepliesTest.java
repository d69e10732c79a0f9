package io.socialwire.channels.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.conversation.ThreadRecord;
import io.socialwire.replies.Reply;
import org.junit.jupiter.api.Test;

class BlueskyRepliesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:05Z");
    private static final String CRITIC = "at://did:plc:critic9/app.bsky.feed.post/3l3critic01";
    private static final String BRAND_POST = "at://did:plc:acme/app.bsky.feed.post/3l3brandpost";
    private final ObjectMapper json = new ObjectMapper();
    private final BlueskyReplies bluesky = new BlueskyReplies(json, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aReplyInAThreadIsPostedUnderItWithTheThreadsRoot() throws Exception {
        Reply reply = reply(CRITIC, "So sorry! A fix is on its way.");
        String post = "{\"uri\":\"" + CRITIC + "\",\"cid\":\"bafyreia3\",\"value\":{\"$type\":\"app.bsky.feed.post\","
                + "\"text\":\"Das Update ist kaputt\",\"reply\":{\"root\":{\"uri\":\"" + BRAND_POST + "\",\"cid\":"
                + "\"bafyreia2\"},\"parent\":{\"uri\":\"" + BRAND_POST + "\",\"cid\":\"bafyreia2\"}}}}";

        assertThat(bluesky.refusal(reply)).isNull();
        assertThat(bluesky.recordQuery(reply))
                .isEqualTo("repo=did%3Aplc%3Acritic9&collection=app.bsky.feed.post&rkey=3l3critic01");
        assertThat(json.readTree(bluesky.body(post, reply, "did:plc:acme"))).isEqualTo(json.readTree("{\"repo\":"
                + "\"did:plc:acme\",\"collection\":\"app.bsky.feed.post\",\"record\":{\"$type\":\"app.bsky.feed.post\","
                + "\"text\":\"So sorry! A fix is on its way.\",\"createdAt\":\"2026-12-03T10:00:05Z\",\"reply\":{"
                + "\"root\":{\"uri\":\"" + BRAND_POST + "\",\"cid\":\"bafyreia2\"},"
                + "\"parent\":{\"uri\":\"" + CRITIC + "\",\"cid\":\"bafyreia3\"}}}}"));
    }

    @Test
    void aPostThatStartsItsThreadIsBothRootAndParent() throws Exception {
        String mention = "at://did:plc:fan123/app.bsky.feed.post/3l3qo2vutsw2b";
        JsonNode body = json.readTree(bluesky.body("{\"uri\":\"" + mention + "\",\"cid\":\"bafyreia1\",\"value\":"
                + "{\"text\":\"@acme pricing?\"}}", reply(mention, "Sent you the prices."), "did:plc:acme"));

        assertThat(body.at("/record/reply/root")).isEqualTo(body.at("/record/reply/parent"));
        assertThat(body.at("/record/reply/parent/cid").asText()).isEqualTo("bafyreia1");
    }

    @Test
    void thePostedAnswersLinkIsTheBlueskyAppsPage() throws Exception {
        assertThat(bluesky.url("{\"uri\":\"at://did:plc:acme/app.bsky.feed.post/3lbq7mz2k4s2a\",\"cid\":\"bafyrei1\"}"))
                .isEqualTo("https://bsky.app/profile/did:plc:acme/post/3lbq7mz2k4s2a");
    }

    @Test
    void anAnswerLongerThanAPostMayBeIsRefusedNotCut() {
        String family = "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // one grapheme: 8 chars, 18 bytes
        String accented = "e\u0301"; // one grapheme: 2 chars
        assertThat(bluesky.refusal(reply(CRITIC, "a".repeat(300)))).isNull();
        assertThat(bluesky.refusal(reply(CRITIC, accented.repeat(300)))).as("300 graphemes, 600 chars").isNull();
        assertThat(bluesky.refusal(reply(CRITIC, family.repeat(150)))).as("150 graphemes, 1,200 chars").isNull();
        assertThat(bluesky.refusal(reply(CRITIC, "a".repeat(301))))
                .isEqualTo("the answer is 301 characters long; a Bluesky post takes at most 300 (shorten it and "
                        + "answer again)");
        String heavy = "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67\uDB40\uDC7F"; // 28 bytes
        assertThat(bluesky.refusal(reply(CRITIC, heavy.repeat(120)))).startsWith("the answer is 3360 bytes long");
    }

    @Test
    void anAnswerToSomethingOtherThanAPostIsRefused() {
        assertThat(bluesky.refusal(reply("bsky-42", "Hello"))).isEqualTo("it answers bsky-42, which is not a Bluesky "
                + "post (at://<did>/app.bsky.feed.post/<rkey>)");
    }

    @Test
    void anExpiredOrRevokedTokenMeansLogInAgainAndOtherRefusalsDoNot() {
        assertThat(bluesky.expired(400, "{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}")).isTrue();
        assertThat(bluesky.expired(401, "{\"error\":\"InvalidToken\",\"message\":\"Bad token\"}")).isTrue();
        assertThat(bluesky.expired(400, "{\"error\":\"InvalidRequest\",\"message\":\"Invalid record\"}")).isFalse();
        assertThat(bluesky.expired(200, "{}")).isFalse();
        assertThat(bluesky.expired(null, null)).isFalse();
    }

    @Test
    void afterACrashTheBrandsReplyToTheSamePostWithTheSameTextIsFound() throws Exception {
        Reply reply = reply(CRITIC, "So sorry! A fix is on its way.");
        String records = "{\"records\":["
                + record("3lb3", "So sorry! A fix is on its way.", "at://did:plc:other/app.bsky.feed.post/x") + ","
                + record("3lb2", "Something else", CRITIC) + ","
                + record("3lb1", "So sorry! A fix is on its way.", CRITIC) + "]}";

        assertThat(bluesky.found(records, reply)).isEqualTo("https://bsky.app/profile/did:plc:acme/post/3lb1");
        assertThat(bluesky.found("{\"records\":[" + record("3lb2", "Something else", CRITIC) + "]}", reply)).isNull();
    }

    @Test
    void theSessionIsKeptUntilForgottenAndItsTokenOnlyGoesInTheHeader() throws Exception {
        BlueskySession session = new BlueskySession(json);
        assertThat(session.missing()).isTrue();
        assertThatThrownBy(session::did).isInstanceOf(IllegalStateException.class);

        session.keep("{\"accessJwt\":\"jwt-1\",\"refreshJwt\":\"r\",\"handle\":\"acme.bsky.social\","
                + "\"did\":\"did:plc:acme\"}");

        assertThat(session.missing()).isFalse();
        assertThat(session.did()).isEqualTo("did:plc:acme");
        assertThat(session.authorization()).isEqualTo("Bearer jwt-1");
        session.forget();
        assertThat(session.missing()).isTrue();
        assertThatThrownBy(() -> session.keep("{\"error\":\"AuthenticationRequired\"}"))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void theLoginBodyIsJsonWhateverThePasswordHolds() throws Exception {
        assertThat(json.readTree(bluesky.sessionRequest("acme.bsky.social", "a\"b,c)"))).isEqualTo(json.readTree(
                "{\"identifier\":\"acme.bsky.social\",\"password\":\"a\\\"b,c)\"}"));
    }

    private static String record(String rkey, String text, String parent) {
        return "{\"uri\":\"at://did:plc:acme/app.bsky.feed.post/" + rkey + "\",\"cid\":\"bafyrei" + rkey + "\","
                + "\"value\":{\"$type\":\"app.bsky.feed.post\",\"text\":\"" + text + "\",\"reply\":{\"root\":{\"uri\":\""
                + parent + "\",\"cid\":\"c\"},\"parent\":{\"uri\":\"" + parent + "\",\"cid\":\"c\"}}}}";
    }

    private static Reply reply(String to, String text) {
        return new Reply("servicenow:j1", "servicenow", "incident", "sys1", "bluesky:" + BRAND_POST, text, "beth",
                Instant.parse("2026-12-03T10:00:00Z"), new ThreadRecord.ReplyTo("bluesky", "reply", to,
                "did:plc:critic9", "did:plc:critic9", "bluesky:" + to));
    }
}
