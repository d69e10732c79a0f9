package io.socialwire.targets.servicenow;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.conversation.Conversations;
import io.socialwire.delivery.batch.LaneBatch;
import io.socialwire.delivery.batch.Write;
import io.socialwire.dispatch.Failures;
import io.socialwire.pacing.TargetPacing;
import io.socialwire.sinks.SocialContext;
import io.socialwire.sinks.http.TargetRefusedException;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The steps of ServiceNow's batch write (routes/targets/servicenow.camel.yaml): many Table API requests in one call
 * to the Batch API ({@code POST /api/now/v1/batch}), each answered on its own. What may exist already (the batch
 * overlaps one cut short, or a record of a conversation the index does not know) is looked up first, in one call,
 * and adopted instead of written again. The route makes the calls; these functions build the requests and read
 * the answers.
 */
@Component("serviceNowBatch")
public class ServiceNowBatch {

    static final String SYSTEM = "servicenow";
    /** The route's variables: the writes of the call, those looked up, those sent. */
    static final String WRITES = "writes";
    static final String LOOKING = "looking";
    static final String SENT = "sent";
    static final String ANSWERS = "answers";

    /** One request's answer inside the batch, for the write it carries. */
    public record Answer(Write write, int status, JsonNode body, String retryAfter) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** A rate limit, an outage, or credentials refused: retried later, not a refusal of the record. */
        public boolean later() {
            return Failures.isRetryableStatus(status) || status == 401 || status == 403;
        }

        String message() {
            return "ServiceNow " + status + ": " + body.path("error").path("message").asText("HTTP " + status);
        }
    }

    private final ObjectMapper json;
    private final IncidentMapper incidents;
    private final Conversations conversations;
    private final TargetPacing pacing;
    private final Clock clock;

    ServiceNowBatch(ObjectMapper json, IncidentMapper incidents, Conversations conversations, TargetPacing pacing,
                    Clock clock) {
        this.json = json;
        this.incidents = incidents;
        this.conversations = conversations;
        this.pacing = pacing;
        this.clock = clock;
    }

    /**
     * The lookups the call needs (variable {@value #LOOKING}), as one Batch API request: in a suspect batch every write, else each new
     * record of a conversation whose first post this is not (a reply to a post from before the index).
     */
    public String lookups(Exchange exchange) {
        List<Write> writes = writes(exchange, WRITES);
        LaneBatch batch = LaneBatch.of(exchange);
        List<Write> looking = writes.stream().filter(w -> batch.isSuspect() || mayExist(w)).toList();
        exchange.setVariable(LOOKING, looking);
        List<Map<String, Object>> requests = new ArrayList<>();
        for (Write w : looking) {
            String query = w.creates() ? "correlation_id=" + w.interaction().conversationId()
                    : incidents.journalQuery(w.targetRecordId(), w.interaction().id());
            String table = w.creates() ? w.type() : "sys_journal_field";
            requests.add(item("GET", "/now/table/" + table + "?sysparm_limit=1&sysparm_query="
                    + URLEncoder.encode(query, StandardCharsets.UTF_8), null));
        }
        return batch(requests);
    }

    /**
     * What ServiceNow has already is adopted: a record this interaction created is its own, one another interaction
     * of the conversation created gets this one as a journal entry; a journal entry naming it is done.
     */
    public void reconcile(Exchange exchange) {
        List<Write> looking = writes(exchange, LOOKING);
        List<Answer> found = answers(exchange.getMessage().getBody(byte[].class), looking);
        for (Answer r : found) {
            Write w = r.write();
            if (!r.ok()) {
                throw new IllegalStateException("ServiceNow lookup answered " + r.status());
            }
            JsonNode result = r.body().path("result");
            if (result.isEmpty()) {
                continue;
            }
            if (!w.creates()) {
                w.written(w.targetRecordId(), false);
                continue;
            }
            String sysId = result.get(0).path("sys_id").asText();
            String createdBy = SocialContext.createdBy(result.get(0).path("description").asText(null));
            if (w.interaction().id().equals(createdBy)) {
                w.written(sysId, result.get(0).path("number").asText(null), true);
            } else {
                // another interaction of the conversation created it: this one is journaled on it
                conversations.adopt(w.exchange(), SYSTEM, w.type(), sysId, null);
                w.settled();
                LaneBatch.of(exchange).add(new Write(SYSTEM, "batch", false, w.exchange(), w.type(), null,
                        incidents.followUp(w.interaction()), sysId, null, f -> conversations.commented(f.exchange())));
            }
        }
    }

    /** The writes not done yet (variable {@value #SENT}), as one Batch API request: records POSTed, journal entries PATCHed. */
    public String requests(Exchange exchange) {
        List<Write> sent = writes(exchange, WRITES).stream().filter(w -> !w.hasLanded()).toList();
        exchange.setVariable(SENT, sent);
        List<Map<String, Object>> requests = new ArrayList<>();
        for (Write w : sent) {
            requests.add(w.creates() ? item("POST", "/now/table/" + w.type(), w.fields())
                    : item("PATCH", "/now/table/" + w.type() + "/" + w.targetRecordId(), w.fields()));
        }
        return batch(requests);
    }

    /** Each sent write's own answer, from the Batch API's answer (the body). */
    public List<Answer> answers(Exchange exchange) {
        List<Answer> answers = answers(exchange.getMessage().getBody(byte[].class), writes(exchange, SENT));
        exchange.setVariable(ANSWERS, answers);
        return answers;
    }

    public void written(Answer answer) {
        Write w = answer.write();
        JsonNode result = answer.body().path("result");
        w.written(result.path("sys_id").asText(w.targetRecordId()), result.path("number").asText(null), w.creates());
    }

    /** ServiceNow refused the record: it is dead-lettered with ServiceNow's reason. */
    public void refused(Answer answer) {
        answer.write().refused(new TargetRefusedException(answer.status(), answer.message()));
    }

    /** A request ServiceNow asked to send later: no call before its Retry-After. */
    public void later(Answer answer) {
        Instant until = TargetPacing.retryAt(answer.retryAfter(), null, clock.instant());
        if (until != null) {
            pacing.holdOff(SYSTEM, until);
        }
    }

    /** After the answers: a request to send later fails the call, so the writes not done wait for the lane's retry. */
    @SuppressWarnings("unchecked")
    public void retryLater(Exchange exchange) {
        List<Answer> answers = exchange.getVariable(ANSWERS, List.class);
        answers.stream().filter(a -> !a.ok() && a.later()).findFirst().ifPresent(a -> {
            throw new TargetRefusedException(a.status(), a.message() + " for a batched request");
        });
    }

    private List<Answer> answers(byte[] body, List<Write> writes) {
        JsonNode answer = read(body);
        Answer[] answers = new Answer[writes.size()];
        for (JsonNode served : answer.path("serviced_requests")) {
            int index = Integer.parseInt(served.path("id").asText());
            byte[] decoded = served.hasNonNull("body") ? Base64.getDecoder().decode(served.path("body").asText())
                    : new byte[0];
            String retryAfter = null;
            for (JsonNode header : served.path("headers")) {
                if (header.path("name").asText().equalsIgnoreCase("Retry-After")) {
                    retryAfter = header.path("value").asText();
                }
            }
            answers[index] = new Answer(writes.get(index), served.path("status_code").asInt(), read(decoded),
                    retryAfter);
        }
        List<Answer> ordered = new ArrayList<>();
        for (int i = 0; i < answers.length; i++) {
            // a request ServiceNow did not serve (a batch limit): try again later, like an outage
            ordered.add(answers[i] != null ? answers[i]
                    : new Answer(writes.get(i), 503, json.createObjectNode(), null));
        }
        return ordered;
    }

    /**
     * A new conversation's record may exist although the index does not know it when this interaction is not the
     * conversation's first (a reply to a post from before the index, a direct message): ServiceNow is asked.
     */
    private static boolean mayExist(Write write) {
        return write.creates() && !write.interaction().id().equals(write.interaction().conversationId());
    }

    private Map<String, Object> item(String method, String path, Map<String, Object> body) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("method", method);
        item.put("url", "/api" + path);
        item.put("headers", List.of(Map.of("name", "Content-Type", "value", "application/json"),
                Map.of("name", "Accept", "value", "application/json")));
        if (body != null) {
            item.put("body", Base64.getEncoder().encodeToString(bytes(body)));
        }
        return item;
    }

    private String batch(List<Map<String, Object>> requests) {
        for (int i = 0; i < requests.size(); i++) {
            requests.get(i).put("id", Integer.toString(i));
        }
        return new String(bytes(Map.of("batch_request_id", UUID.randomUUID().toString(), "rest_requests", requests)),
                StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static List<Write> writes(Exchange exchange, String variable) {
        List<Write> writes = exchange.getVariable(variable, List.class);
        return writes == null ? List.of() : writes;
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(byte[] body) {
        try {
            return body == null || body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
