package io.socialwire.targets.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socialwire.conversation.Conversations;
import io.socialwire.delivery.batch.LaneBatch;
import io.socialwire.delivery.batch.Write;
import io.socialwire.model.SocialInteraction;
import io.socialwire.pacing.TargetPacing;
import io.socialwire.support.YamlRoutes;
import io.socialwire.sinks.http.HttpTargets;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/targets/servicenow.camel.yaml on its own: the Batch API call is replaced by an answer the test writes, and
 * each write must come out written, refused with ServiceNow's reason, or left for the lane's retry.
 */
class ServiceNowBatchRouteTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> calls = new ArrayList<>();
    private final TargetPacing pacing = new TargetPacing(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30));
    private CamelContext camel;
    private ProducerTemplate producer;
    /** The status each request of the next call is answered with, in order. */
    private List<Integer> statuses = List.of();

    @BeforeEach
    void startRoutes() throws Exception {
        camel = YamlRoutes.context(Map.of("camel.kamelet.servicenow-record-sink.apiUrl", "http://servicenow.test/api"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        IncidentMapper incidents = new IncidentMapper("social", "comments");
        camel.getRegistry().bind("serviceNowBatch", new ServiceNowBatch(json, incidents, mock(Conversations.class),
                pacing, clock));
        ServiceNowAuth auth = mock(ServiceNowAuth.class);
        when(auth.authorization()).thenReturn("Basic dGVzdDp0ZXN0");
        camel.getRegistry().bind("serviceNowAuth", auth);
        camel.getRegistry().bind("targetPacing", pacing);
        camel.getRegistry().bind("serviceNowErasure", mock(ServiceNowErasure.class));
        camel.getRegistry().bind("httpTargets", new HttpTargets(clock));
        YamlRoutes.load(camel, "routes/targets/servicenow.camel.yaml");
        AdviceWith.adviceWith(camel, "servicenow-batch-api", route -> route.weaveByType(org.apache.camel.model.ToDefinition.class).replace()
                .process(this::batchApi));
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void eachRecordOfTheBatchIsWrittenOrRefusedOnItsOwnInOneCall() {
        statuses = List.of(201, 400);
        List<String> created = new ArrayList<>();
        Write first = create("x:1", created);
        Write refused = create("x:2", created);

        Exchange done = write(new LaneBatch(false), List.of(first, refused));

        assertThat(done.getException()).isNull();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).path("rest_requests")).hasSize(2);
        assertThat(calls.get(0).path("rest_requests").get(0).path("method").asText()).isEqualTo("POST");
        assertThat(calls.get(0).path("rest_requests").get(0).path("url").asText()).isEqualTo("/api/now/table/incident");
        assertThat(first.isDone()).isTrue();
        assertThat(first.writtenId()).isEqualTo("sys-0");
        assertThat(first.writtenNumber()).as("the number people know it by, for its receipt").isEqualTo("INC0010000");
        assertThat(created).containsExactly("sys-0");
        assertThat(refused.isDone()).as("dead-lettered by the lane, not by the route").isFalse();
    }

    @Test
    void aRateLimitedRecordFailsTheCallAfterTheOthersAreWrittenAndHoldsServiceNowBack() {
        statuses = List.of(201, 429);
        Write first = create("x:3", new ArrayList<>());
        Write later = create("x:4", new ArrayList<>());

        Exchange done = write(new LaneBatch(false), List.of(first, later));

        assertThat(first.isDone()).isTrue();
        assertThat(later.isDone()).isFalse();
        assertThat(done.getException()).hasMessageContaining("ServiceNow 429");
        assertThat(pacing.pausedUntil("servicenow")).isEqualTo(NOW.plusSeconds(7));
    }

    @Test
    void aSuspectBatchLooksFirstAndAdoptsTheRecordItsOwnInteractionCreated() {
        statuses = List.of(200);
        List<String> created = new ArrayList<>();
        Write mine = create("x:5", created);
        found = "Social interaction received by Socialwire\nInteraction:  x:5\n";

        Exchange done = write(new LaneBatch(true), List.of(mine));

        assertThat(done.getException()).isNull();
        assertThat(calls).as("one lookup call, nothing written again").hasSize(1);
        assertThat(calls.get(0).path("rest_requests").get(0).path("method").asText()).isEqualTo("GET");
        assertThat(created).containsExactly("found-0");
        assertThat(mine.writtenNumber()).isEqualTo("INC0020000");
    }

    /** The description of the record a lookup finds, or null when it finds none. */
    private String found;

    private Exchange write(LaneBatch batch, List<Write> writes) {
        return producer.send("direct:servicenow-batch-write", e -> {
            e.setProperty(LaneBatch.PROPERTY, batch);
            e.getMessage().setBody(writes);
        });
    }

    private Write create(String interactionId, List<String> created) {
        Exchange record = new DefaultExchange(camel);
        record.setProperty(Conversations.INTERACTION, new SocialInteraction(interactionId, "x", "post", interactionId,
                interactionId, null, null, NOW, "my order is broken", "en", null, List.of(), null, null));
        return new Write("servicenow", "batch", true, record, "incident", null, Map.of("short_description", "broken"),
                null, null, w -> created.add(w.writtenId()));
    }

    /** ServiceNow's Batch API as the test says: each request answered with the next status. */
    private void batchApi(Exchange exchange) throws Exception {
        JsonNode request = json.readTree(exchange.getMessage().getBody(String.class));
        calls.add(request);
        ObjectNode answer = json.createObjectNode();
        ArrayNode served = answer.putArray("serviced_requests");
        for (JsonNode item : request.path("rest_requests")) {
            int i = item.path("id").asInt();
            int status = statuses.get(i);
            ObjectNode body = json.createObjectNode();
            if (item.path("method").asText().equals("GET")) {
                ArrayNode result = body.putArray("result");
                if (found != null) {
                    result.addObject().put("sys_id", "found-" + i).put("number", "INC002000" + i)
                            .put("description", found);
                }
            } else if (status < 300) {
                body.putObject("result").put("sys_id", "sys-" + i).put("number", "INC001000" + i);
            } else {
                body.putObject("error").put("message", status == 400 ? "Invalid field" : "Too many requests");
            }
            ObjectNode one = served.addObject().put("id", item.path("id").asText()).put("status_code", status);
            one.put("body", Base64.getEncoder().encodeToString(json.writeValueAsString(body)
                    .getBytes(StandardCharsets.UTF_8)));
            if (status == 429) {
                one.putArray("headers").addObject().put("name", "Retry-After").put("value", "7");
            }
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setBody(json.writeValueAsBytes(answer));
    }
}
