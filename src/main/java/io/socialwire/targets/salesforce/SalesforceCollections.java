package io.socialwire.targets.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.socialwire.dispatch.DeadLetters;
import io.socialwire.pacing.TargetPacing;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;
import org.springframework.stereotype.Component;

/**
 * Salesforce sObject Collections upsert through camel-salesforce ({@code compositeUpsertSObjectCollections}): up to
 * 200 records of one type per call, keyed by an External ID field, {@code allOrNone=false} so each record succeeds
 * or fails on its own. The component serialises each record map as it is, so each carries its
 * {@code attributes.type}; nulls are left out (a null would blank the field).
 */
@Component
public class SalesforceCollections {

    public static final int MAX_RECORDS = 200;
    private static final String TARGET = "salesforce";

    private final ProducerTemplate camel;
    private final TargetPacing pacing;
    private final SalesforceLimits limits;

    public SalesforceCollections(ProducerTemplate camel, TargetPacing pacing, SalesforceLimits limits) {
        this.camel = camel;
        this.pacing = pacing;
        this.limits = limits;
    }

    /** Upserts the records (fields, with the external id among them); one result per record, in order. */
    public List<UpsertSObjectResult> upsert(String type, String externalIdField, List<Map<String, Object>> records)
            throws InterruptedException {
        List<UpsertSObjectResult> results = new ArrayList<>();
        for (int from = 0; from < records.size(); from += MAX_RECORDS) {
            List<Map<String, Object>> chunk = new ArrayList<>();
            for (Map<String, Object> record : records.subList(from, Math.min(records.size(), from + MAX_RECORDS))) {
                Map<String, Object> typed = new LinkedHashMap<>();
                typed.put("attributes", Map.of("type", type));
                record.forEach((k, v) -> {
                    if (v != null) {
                        typed.put(k, v);
                    }
                });
                chunk.add(typed);
            }
            pacing.await(TARGET);
            Exchange answer = camel.request("salesforce:compositeUpsertSObjectCollections?sObjectName=" + type
                    + "&sObjectIdName=" + externalIdField + "&allOrNone=false", e -> {
                e.setProperty(DeadLetters.TARGET_PROPERTY, TARGET);
                e.getMessage().setBody(chunk);
            });
            if (answer.getException() != null) {
                throw new IllegalStateException("Salesforce upsert of " + chunk.size() + " " + type + " failed",
                        answer.getException());
            }
            limits.observe(answer);
            @SuppressWarnings("unchecked")
            List<UpsertSObjectResult> answered = answer.getMessage().getBody(List.class);
            if (answered == null || answered.size() != chunk.size()) {
                throw new IllegalStateException("Salesforce answered " + (answered == null ? 0 : answered.size())
                        + " results for " + chunk.size() + " " + type + " records");
            }
            results.addAll(answered);
        }
        return results;
    }
}
