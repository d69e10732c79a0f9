package io.socialwire.targets.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.socialwire.delivery.batch.Write;
import io.socialwire.dispatch.Failures;
import io.socialwire.sinks.http.TargetRefusedException;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;
import org.springframework.stereotype.Component;

/**
 * The steps of Salesforce's batch write (routes/targets/salesforce.camel.yaml): sObject Collections upserts through
 * camel-salesforce ({@code compositeUpsertSObjectCollections}), up to 200 records of one type per call, keyed by an
 * External ID field, {@code allOrNone=false} so each record succeeds or fails on its own. The component serialises
 * each record map as it is, so each carries its {@code attributes.type}; nulls are left out (a null would blank the
 * field).
 */
@Component("salesforceBatch")
public class SalesforceBatch {

    static final int MAX_RECORDS = 200;
    static final String CHUNK = "chunk";
    static final String ANSWERS = "answers";

    /** One record's result, for the write it carries. */
    public record Answer(Write write, UpsertSObjectResult result, boolean refused) {

        public boolean ok() {
            return Boolean.TRUE.equals(result.getSuccess());
        }
    }

    private final Failures failures;

    SalesforceBatch(Failures failures) {
        this.failures = failures;
    }

    /** The writes (all of one sObject type and External ID field) in calls of at most 200. */
    public List<List<Write>> chunks(List<Write> writes) {
        List<List<Write>> chunks = new ArrayList<>();
        for (int from = 0; from < writes.size(); from += MAX_RECORDS) {
            chunks.add(List.copyOf(writes.subList(from, Math.min(writes.size(), from + MAX_RECORDS))));
        }
        return chunks;
    }

    /** The chunk's records as the component sends them, and its sObject type and External ID field as headers. */
    public List<Map<String, Object>> records(Exchange exchange) {
        List<Write> chunk = chunk(exchange);
        exchange.getMessage().setHeader("sObjectName", chunk.get(0).type());
        exchange.getMessage().setHeader("sObjectIdName", chunk.get(0).matchBy());
        List<Map<String, Object>> records = new ArrayList<>();
        for (Write w : chunk) {
            Map<String, Object> typed = new LinkedHashMap<>();
            typed.put("attributes", Map.of("type", w.type()));
            w.fields().forEach((k, v) -> {
                if (v == null && LeadMapper.WHO.equals(k)) {
                    v = w.targetRecordId(); // a Task on a Lead written earlier in the batch
                }
                if (v != null) {
                    typed.put(k, v);
                }
            });
            records.add(typed);
        }
        return records;
    }

    /** Each record's result (the body), paired with its write. */
    public List<Answer> answers(Exchange exchange) {
        List<Write> chunk = chunk(exchange);
        @SuppressWarnings("unchecked")
        List<UpsertSObjectResult> results = exchange.getMessage().getBody(List.class);
        if (results == null || results.size() != chunk.size()) {
            throw new IllegalStateException("Salesforce answered " + (results == null ? 0 : results.size())
                    + " results for " + chunk.size() + " " + chunk.get(0).type() + " records");
        }
        List<Answer> answers = new ArrayList<>();
        exchange.setVariable(ANSWERS, answers);
        for (int i = 0; i < chunk.size(); i++) {
            UpsertSObjectResult r = results.get(i);
            boolean refused = !Boolean.TRUE.equals(r.getSuccess())
                    && failures.isPermanentFailure(new SalesforceException(errors(r), 400), SalesforceWrites.SYSTEM);
            answers.add(new Answer(chunk.get(i), r, refused));
        }
        return answers;
    }

    public void written(Answer answer) {
        answer.write().written(answer.result().getId(), Boolean.TRUE.equals(answer.result().getCreated()));
    }

    /** Salesforce refused the record: it is dead-lettered with Salesforce's error codes. */
    public void refused(Answer answer) {
        answer.write().refused(new TargetRefusedException(400, "Salesforce 400: " + errors(answer.result()).stream()
                .map(e -> e.getErrorCode() + " " + e.getMessage()).reduce((a, b) -> a + "; " + b)
                .orElse("no error details")));
    }

    /**
     * After the answers: a record Salesforce asked to retry (a lock, a race) fails the call, so the writes not done
     * wait for the lane's retry.
     */
    @SuppressWarnings("unchecked")
    public void retryLater(Exchange exchange) {
        List<Answer> answers = exchange.getVariable(ANSWERS, List.class);
        answers.stream().filter(a -> !a.ok() && !a.refused()).findFirst().ifPresent(a -> {
            // an answer (no need to look for what landed), which the target's retried-errors keep from being a refusal
            throw new TargetRefusedException(400, "Salesforce asked to retry a " + a.write().type() + ": "
                    + errors(a.result()).stream().map(RestError::getErrorCode).toList());
        });
    }

    private static List<RestError> errors(UpsertSObjectResult result) {
        return result.getErrors() == null ? List.of() : result.getErrors();
    }

    @SuppressWarnings("unchecked")
    private static List<Write> chunk(Exchange exchange) {
        return exchange.getVariable(CHUNK, List.class);
    }
}
