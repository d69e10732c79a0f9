package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.socialwire.channels.generic.StandardWebhookVerifier;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Every kind of bad webhook input gets its status and a reason, writes nothing to Kafka and is counted in
 * {@code socialwire_webhook_rejected_total} by reason, and logs no body; /api/** needs the API token (a 401 says
 * so); actuator shows only health and prometheus.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadInputIT extends HubIntegrationTest {

    private static final String INTERACTIONS = "socialwire.interactions";

    private HubClient hub;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void connect() {
        hub = hub();
    }

    @Test
    void eachBadDeliveryGetsItsStatusWritesNothingAndIsCounted() throws Exception {
        byte[] tooLarge = new byte[1024 * 1024 + 1];
        Arrays.fill(tooLarge, (byte) ' ');
        byte[] valid = Fixtures.bytes("fixtures/meta/page-feed-post.json");
        try (TopicProbe topics = topics()) {
            long before = topics.endOffset(INTERACTIONS);

            assertThat(post("/webhooks/meta", "application/json", HttpRequest.BodyPublishers.ofByteArray(tooLarge),
                    Map.of())).satisfies(r -> {
                        assertThat(r.statusCode()).isEqualTo(413);
                        assertThat(r.body()).contains("body is larger than 1048576 bytes");
                    });
            // chunked: no Content-Length to go by
            assertThat(post("/webhooks/meta", "application/json", HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(tooLarge)), Map.of()).statusCode()).isEqualTo(413);
            assertThat(post("/webhooks/meta", "text/plain", HttpRequest.BodyPublishers.ofByteArray(valid),
                    Map.of("X-Hub-Signature-256", HubClient.metaSignature(valid))).statusCode()).isEqualTo(415);
            byte[] notJson = "{\"object\":".getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> malformed = hub.sendMeta(notJson, HubClient.metaSignature(notJson));
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.body()).contains("body is not valid JSON");
            assertThat(hub.sendMeta(valid, null).statusCode()).isEqualTo(401);
            assertThat(hub.sendMeta(valid, "sha256=" + "ab".repeat(32)).statusCode()).isEqualTo(401);
            HttpResponse<String> stale = staleGeneric();
            assertThat(stale.statusCode()).isEqualTo(401);
            assertThat(stale.body()).contains("webhook-timestamp is outside the allowed window");

            assertThat(topics.endOffset(INTERACTIONS)).as("Kafka writes").isEqualTo(before);
        }
        String metrics = hub.get("/actuator/prometheus").body();
        assertThat(metrics).contains(
                "socialwire_webhook_rejected_total{channel=\"meta\",reason=\"too_large\"}",
                "socialwire_webhook_rejected_total{channel=\"meta\",reason=\"content_type\"}",
                "socialwire_webhook_rejected_total{channel=\"meta\",reason=\"malformed\"}",
                "socialwire_webhook_rejected_total{channel=\"meta\",reason=\"signature\"}",
                "socialwire_webhook_rejected_total{channel=\"generic\",reason=\"stale\"}");
    }

    @Test
    void aJsonBodySentAsAFormIsRefusedWith415OnEveryWebhookCountedAndNeverLogged(CapturedOutput output)
            throws Exception {
        // what curl -d sends without -H
        String json = "{\"channel\":\"x\",\"kind\":\"post\",\"externalId\":\"form-1\","
                + "\"text\":\"formcanary from Quilla Formworth\"}";
        try (TopicProbe topics = topics()) {
            long before = topics.endOffset(INTERACTIONS);
            for (String channel : List.of("generic", "meta", "x", "linkedin")) {
                double counted = rejected(channel, "content_type");

                HttpResponse<String> answer = post("/webhooks/" + channel, "application/x-www-form-urlencoded",
                        HttpRequest.BodyPublishers.ofString(json), Map.of());

                assertThat(answer.statusCode()).as(channel).isEqualTo(415);
                assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/json"));
                assertThat(answer.body()).isEqualTo("{\"error\":\"Content-Type must be application/json\"}");
                assertThat(rejected(channel, "content_type")).as(channel + " counted").isEqualTo(counted + 1);
            }
            assertThat(topics.endOffset(INTERACTIONS)).as("Kafka writes").isEqualTo(before);
        }
        assertThat(output.getAll()).doesNotContain("formcanary").doesNotContain("Quilla Formworth");
    }

    @Test
    void aSignedMetaDeliveryThatIsNotUtf8IsRefusedWith400NotTakenForAKafkaOutage() {
        byte[] head = ("{\"object\":\"page\",\"entry\":[{\"changes\":[{\"field\":\"feed\",\"value\":{"
                + "\"item\":\"status\",\"verb\":\"add\",\"post_id\":\"1_2\",\"message\":\"caf")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}}]}]}".getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(head, head.length + 1 + tail.length);
        body[head.length] = (byte) 0xff;
        System.arraycopy(tail, 0, body, head.length + 1, tail.length);
        double malformed = rejected("meta", "malformed");
        double outage = rejected("meta", "kafka_unavailable");

        HttpResponse<String> answer = hub.sendMeta(body);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"error\":\"body is not valid UTF-8 (byte " + head.length + ")\"}");
        assertThat(rejected("meta", "malformed")).isEqualTo(malformed + 1);
        assertThat(rejected("meta", "kafka_unavailable")).isEqualTo(outage);
    }

    @Test
    void theGenericWebhookRefusesMoreInteractionsThanAllowedAndChannelsItDoesNotKnow() throws Exception {
        String item = "{\"channel\":\"x\",\"kind\":\"post\",\"externalId\":\"many-%d\",\"text\":\"hi\"}";
        String tooMany = IntStream.range(0, 101).mapToObj(item::formatted).collect(Collectors.joining(",", "[", "]"));
        double tooLarge = rejected("generic", "too_large");
        double malformed = rejected("generic", "malformed");
        try (TopicProbe topics = topics()) {
            long before = topics.endOffset(INTERACTIONS);

            HttpResponse<String> many = hub.sendGeneric(tooMany);
            HttpResponse<String> unknown = hub.sendGeneric(
                    "{\"channel\":\"myspace\",\"kind\":\"post\",\"externalId\":\"u1\",\"text\":\"hi\"}");

            assertThat(many.statusCode()).isEqualTo(413);
            assertThat(many.body()).isEqualTo("{\"error\":\"$ holds 101 interactions; at most 100 are accepted per"
                    + " request (socialwire.webhooks.max-items)\"}");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).isEqualTo("{\"error\":\"$.channel must be one of [bluesky, facebook, generic,"
                    + " instagram, linkedin, mastodon, messenger, reviews, x]\"}");
            assertThat(topics.endOffset(INTERACTIONS)).as("Kafka writes").isEqualTo(before);
        }
        assertThat(rejected("generic", "too_large")).isEqualTo(tooLarge + 1);
        assertThat(rejected("generic", "malformed")).isEqualTo(malformed + 1);
    }

    @Test
    void theApiNeedsItsTokenAndActuatorShowsOnlyHealthAndPrometheus() {
        HttpResponse<String> noToken = hub.getAs(null, "/api/interactions/x:1");
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"socialwire\"");
        HttpResponse<String> wrongToken = hub.getAs("Bearer wrong-token", "/api/interactions/x:1");
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(wrongToken.headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"socialwire\", error=\"invalid_token\"");
        assertThat(hub.getAs("Basic " + java.util.Base64.getEncoder().encodeToString(
                ("x:" + HubClient.API_TOKEN).getBytes(StandardCharsets.UTF_8)), "/api/routing").statusCode())
                .isEqualTo(401);
        assertThat(hub.getAs("Bearer " + HubClient.API_TOKEN, "/api/interactions/x:1").statusCode())
                .isEqualTo(404);
        assertThat(hub.getAs("Bearer " + HubClient.API_TOKEN, "/api/routing").statusCode()).isEqualTo(200);

        assertThat(hub.getAs(null, "/actuator/health").statusCode()).isEqualTo(200);
        assertThat(hub.getAs(null, "/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(hub.getAs(null, "/actuator/info").statusCode()).isEqualTo(401);
        for (String hidden : new String[] {"/actuator/info", "/actuator/env", "/actuator/beans",
                "/actuator/configprops", "/actuator/heapdump", "/actuator"}) {
            assertThat(hub.getAs("Bearer " + HubClient.API_TOKEN, hidden).statusCode()).as(hidden)
                    .isIn(401, 403, 404);
        }
    }

    /** socialwire_webhook_rejected_total{channel, reason} as /actuator/prometheus shows it; 0 before the first. */
    private double rejected(String channel, String reason) {
        String series = "socialwire_webhook_rejected_total{channel=\"" + channel + "\",reason=\"" + reason + "\"} ";
        return hub.get("/actuator/prometheus").body().lines().filter(line -> line.startsWith(series))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length()))).sum();
    }

    private HttpResponse<String> post(String path, String contentType, HttpRequest.BodyPublisher body,
                                      Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", contentType).POST(body).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> staleGeneric() throws Exception {
        byte[] body = "{\"channel\":\"x\",\"externalId\":\"stale\",\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
        long tenMinutesAgo = Clock.systemUTC().instant().minusSeconds(600).getEpochSecond();
        String signature = new StandardWebhookVerifier(HubClient.GENERIC_SECRET, Duration.ofMinutes(5),
                Clock.systemUTC()).sign("msg_stale", tenMinutesAgo, body);
        return post("/webhooks/generic", "application/json", HttpRequest.BodyPublishers.ofByteArray(body),
                Map.of("webhook-id", "msg_stale", "webhook-timestamp", Long.toString(tenMinutesAgo),
                        "webhook-signature", signature));
    }
}
