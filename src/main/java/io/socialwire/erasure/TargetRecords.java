package io.socialwire.erasure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.identity.IdentityProperties;
import io.socialwire.identity.SalesforceQueries;
import io.socialwire.sinks.SocialContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Overwrites what the hub copied of a person into the systems of record, through the same components and
 * credentials the sinks use: ServiceNow records and journal entries, Salesforce Leads, Tasks, Cases and
 * CaseComments. What stays is the link back to the interaction and conversation ids, so the hub still knows the
 * record is its own (a redelivery adds nothing), and the fact that something was erased.
 */
@Component
class TargetRecords {

    static final String ERASED = "[erased at the author's request]";

    private final ProducerTemplate camel;
    private final SalesforceQueries salesforce;
    private final ObjectMapper json;
    private final IdentityProperties identity;
    private final Environment env;
    private final Clock clock;

    TargetRecords(ProducerTemplate camel, SalesforceQueries salesforce, ObjectMapper json,
                  IdentityProperties identity, Environment env, Clock clock) {
        this.camel = camel;
        this.salesforce = salesforce;
        this.json = json;
        this.identity = identity;
        this.env = env;
        this.clock = clock;
    }

    /** The record's own text becomes a note that it was erased; the Interaction: line stays. */
    String erasedBlock(String interactionId, String conversationId) {
        return ERASED + " " + clock.instant() + "\nInteraction:  " + interactionId + "\nConversation: "
                + conversationId + "\n";
    }

    String erasedComment(String interactionId) {
        return ERASED + " " + SocialContext.marker(interactionId);
    }

    /** A ServiceNow record the interaction created: short description and description overwritten. */
    List<String> serviceNowRecord(String table, String sysId, String interactionId, String conversationId) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("short_description", ERASED);
        fields.put("description", erasedBlock(interactionId, conversationId));
        serviceNow(table, "update", sysId, null, fields);
        return List.of("servicenow:" + table + ":" + sysId);
    }

    /** The interaction's journal entries on a ServiceNow record. */
    List<String> serviceNowJournal(String recordSysId, String interactionId) {
        List<String> changed = new ArrayList<>();
        Object found = serviceNow("sys_journal_field", "retrieve", null,
                "element_id=" + recordSysId + "^valueLIKE" + SocialContext.marker(interactionId), null);
        for (Object entry : found instanceof List<?> list ? list : List.of()) {
            String sysId = (String) ((Map<?, ?>) entry).get("sys_id");
            serviceNow("sys_journal_field", "update", sysId, null, Map.of("value", erasedComment(interactionId)));
            changed.add("servicenow:sys_journal_field:" + sysId);
        }
        return changed;
    }

    /** The person's Lead (keyed by channel:author:id): name, handles and description overwritten. */
    List<String> lead(String personKey, String interactionIdForBlock, String conversationId) {
        List<String> changed = new ArrayList<>();
        for (JsonNode lead : salesforce.records("SELECT Id FROM Lead WHERE Socialwire_Id__c = "
                + SalesforceQueries.literal(personKey))) {
            Map<String, Object> fields = new HashMap<>();
            fields.put("FirstName", null);
            fields.put("LastName", ERASED);
            fields.put("Description", erasedBlock(interactionIdForBlock, conversationId));
            identity.handleFields().values().forEach(field -> fields.put(field, null));
            update("Lead", lead.path("Id").asText(), fields);
            changed.add("salesforce:Lead:" + lead.path("Id").asText());
        }
        return changed;
    }

    /** Tasks logging the interaction (on a Lead, keyed by its id; on a Contact, by contact:<id>). */
    List<String> tasks(String interactionId) {
        List<String> changed = new ArrayList<>();
        for (String key : List.of(interactionId, "contact:" + interactionId)) {
            for (JsonNode task : salesforce.records("SELECT Id FROM Task WHERE Socialwire_Id__c = "
                    + SalesforceQueries.literal(key))) {
                update("Task", task.path("Id").asText(), Map.of("Subject", ERASED,
                        "Description", erasedComment(interactionId)));
                changed.add("salesforce:Task:" + task.path("Id").asText());
            }
        }
        return changed;
    }

    /** A Case the interaction created. */
    List<String> salesforceCase(String caseId, String interactionId, String conversationId) {
        update("Case", caseId, Map.of("Subject", ERASED, "Description", erasedBlock(interactionId, conversationId)));
        return List.of("salesforce:Case:" + caseId);
    }

    /** The interaction's comments on a Case. */
    List<String> caseComments(String caseId, String interactionId) {
        List<String> changed = new ArrayList<>();
        for (JsonNode comment : salesforce.records("SELECT Id FROM CaseComment WHERE ParentId = "
                + SalesforceQueries.literal(caseId) + " AND CommentBody LIKE "
                + SalesforceQueries.literal("%" + SocialContext.marker(interactionId) + "%"))) {
            update("CaseComment", comment.path("Id").asText(), Map.of("CommentBody", erasedComment(interactionId)));
            changed.add("salesforce:CaseComment:" + comment.path("Id").asText());
        }
        return changed;
    }

    private Object serviceNow(String table, String action, String sysId, String query, Map<String, Object> body) {
        String kamelet = "camel.kamelet.servicenow-record-sink.";
        String uri = "servicenow:" + env.getProperty(kamelet + "instanceName") + "?resource=table&table=" + table
                + "&apiUrl=" + env.getProperty(kamelet + "apiUrl")
                + "&oauthTokenUrl=" + env.getProperty(kamelet + "oauthTokenUrl", "")
                + "&userName=RAW(" + env.getProperty(kamelet + "userName") + ")"
                + "&password=RAW(" + env.getProperty(kamelet + "password") + ")"
                + "&oauthClientId=RAW(" + env.getProperty(kamelet + "clientId", "") + ")"
                + "&oauthClientSecret=RAW(" + env.getProperty(kamelet + "clientSecret", "") + ")"
                + "&httpClientPolicy=#serviceNowHttpPolicy";
        Map<String, Object> headers = new HashMap<>();
        headers.put("CamelServiceNowAction", action);
        if (sysId != null) {
            headers.put("CamelServiceNowSysId", sysId);
        }
        if (query != null) {
            headers.put("CamelServiceNowQuery", query);
        }
        return camel.requestBodyAndHeaders(uri, body, headers);
    }

    private void update(String type, String id, Map<String, Object> fields) {
        try {
            camel.requestBodyAndHeaders("salesforce:updateSObject?sObjectName=" + type + "&rawPayload=true",
                    json.writeValueAsString(fields), Map.of("sObjectId", id));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
