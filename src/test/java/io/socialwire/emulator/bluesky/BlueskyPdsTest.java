package io.socialwire.emulator.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class BlueskyPdsTest {

    private static final String CRITIC = "at://did:plc:critic9/app.bsky.feed.post/3l3critic01";
    private final ObjectMapper json = new ObjectMapper();
    private final BlueskyPds pds = new BlueskyPds(json, Clock.systemUTC(), "did:plc:acme", "acme.bsky.social",
            "local-bluesky-app-password", Duration.ofHours(2));

    @Test
    void theBrandLogsInWithItsHandleOrDidAndAppPasswordOnly() throws Exception {
        JsonNode session = pds.createSession(json.readTree(
                "{\"identifier\":\"acme.bsky.social\",\"password\":\"local-bluesky-app-password\"}"));
        assertThat(session.path("did").asText()).isEqualTo("did:plc:acme");
        assertThat(session.path("accessJwt").asText()).isNotBlank();
        assertThat(pds.createSession(json.readTree(
                "{\"identifier\":\"did:plc:acme\",\"password\":\"local-bluesky-app-password\"}")).path("handle").asText())
                .isEqualTo("acme.bsky.social");
        assertRefused(() -> pds.createSession(json.readTree("{\"identifier\":\"acme.bsky.social\",\"password\":\"x\"}")),
                401, "AuthenticationRequired", "Invalid identifier or password");
        assertRefused(() -> pds.createSession(json.readTree("{\"password\":\"x\"}")), 400, "InvalidRequest",
                "Input must have the property \"identifier\"");
    }

    @Test
    void aReplyIsCreatedInTheBrandsRepoAndListedNewestFirst() throws Exception {
        String token = login();
        ObjectNode first = pds.createRecord(token, post("First", true));
        ObjectNode second = pds.createRecord(token, post("Second", true));

        assertThat(first.path("uri").asText()).matches("at://did:plc:acme/app\\.bsky\\.feed\\.post/[2-7a-z]{13}");
        assertThat(second.path("uri").asText()).isGreaterThan(first.path("uri").asText());
        assertThat(pds.listRecords("acme.bsky.social", "app.bsky.feed.post", 50).path("records"))
                .extracting(r -> r.at("/value/text").asText()).containsExactly("Second", "First");
        JsonNode event = pds.createdEvent(second);
        assertThat(event.path("did").asText()).isEqualTo("did:plc:acme");
        assertThat(event.at("/commit/record/reply/parent/uri").asText()).isEqualTo(CRITIC);
    }

    @Test
    void refusalsHaveTheAtProtocolShape() throws Exception {
        String token = login();
        assertRefused(() -> pds.createRecord(null, post("Hi", true)), 401, "AuthenticationRequired",
                "Authentication Required");
        assertRefused(() -> pds.createRecord("Bearer forged", post("Hi", true)), 401, "InvalidToken",
                "Token could not be verified");
        assertRefused(() -> pds.createRecord(token, post("a".repeat(301), true)), 400, "InvalidRequest",
                "Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes");
        ObjectNode noCid = post("Hi", true);
        ((ObjectNode) noCid.at("/record/reply/parent")).remove("cid");
        assertRefused(() -> pds.createRecord(token, noCid), 400, "InvalidRequest",
                "Invalid app.bsky.feed.post record: Record/reply/parent must have the property \"cid\"");

        pds.expireSessions();
        assertRefused(() -> pds.createRecord(token, post("Hi", true)), 400, "ExpiredToken", "Token has expired");
    }

    @Test
    void anyPostCanBeReadUnlessItWasDeletedAndOneSeenIsReadAsItWas() throws Exception {
        assertThat(pds.getRecord("did:plc:someone", "app.bsky.feed.post", "3labc").path("uri").asText())
                .isEqualTo("at://did:plc:someone/app.bsky.feed.post/3labc");
        pds.saw(json.readTree("{\"did\":\"did:plc:critic9\",\"kind\":\"commit\",\"commit\":{\"operation\":\"create\","
                + "\"collection\":\"app.bsky.feed.post\",\"rkey\":\"3l3critic01\",\"cid\":\"bafyreia3\",\"record\":"
                + "{\"text\":\"Broken\",\"reply\":{\"root\":{\"uri\":\"at://did:plc:acme/app.bsky.feed.post/r\","
                + "\"cid\":\"c\"}}}}}"));
        JsonNode seen = pds.getRecord("did:plc:critic9", "app.bsky.feed.post", "3l3critic01");
        assertThat(seen.path("cid").asText()).isEqualTo("bafyreia3");
        assertThat(seen.at("/value/reply/root/uri").asText()).isEqualTo("at://did:plc:acme/app.bsky.feed.post/r");

        pds.saw(json.readTree("{\"did\":\"did:plc:critic9\",\"kind\":\"commit\",\"commit\":{\"operation\":\"delete\","
                + "\"collection\":\"app.bsky.feed.post\",\"rkey\":\"3l3critic01\"}}"));
        assertRefused(() -> pds.getRecord("did:plc:critic9", "app.bsky.feed.post", "3l3critic01"), 400,
                "RecordNotFound", "Could not locate record: " + CRITIC);
    }

    private String login() throws Exception {
        return "Bearer " + pds.createSession(json.readTree(
                "{\"identifier\":\"acme.bsky.social\",\"password\":\"local-bluesky-app-password\"}")).path("accessJwt")
                .asText();
    }

    private ObjectNode post(String text, boolean reply) throws Exception {
        return (ObjectNode) json.readTree("{\"repo\":\"did:plc:acme\",\"collection\":\"app.bsky.feed.post\",\"record\":"
                + "{\"$type\":\"app.bsky.feed.post\",\"text\":\"" + text + "\",\"createdAt\":\"2026-12-03T10:00:00Z\""
                + (reply ? ",\"reply\":{\"root\":{\"uri\":\"" + CRITIC + "\",\"cid\":\"c\"},\"parent\":{\"uri\":\""
                + CRITIC + "\",\"cid\":\"c\"}}" : "") + "}}");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status,
                                      String error, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(BlueskyPds.XrpcError.class, e -> {
            assertThat(e.status).isEqualTo(status);
            assertThat(e.error).isEqualTo(error);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
