package io.socialwire.targets.salesforce;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.conversation.ThreadRecord;
import io.socialwire.identity.IdentityProperties;
import io.socialwire.identity.SalesforceQueries;
import io.socialwire.model.SocialInteraction;
import io.socialwire.sinks.SocialContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * An erasure in Salesforce (routes/targets/salesforce.camel.yaml), through camel-salesforce: the Case an
 * interaction created and its CaseComments, the Tasks logging it, and the person's Lead. What stays is the
 * Interaction: line and the External IDs, so a redelivery still finds the records its own.
 */
@Component("salesforceErasure")
public class SalesforceErasure {

    private final ProducerTemplate camel;
    private final SalesforceQueries salesforce;
    private final ObjectMapper json;
    private final IdentityProperties identity;
    private final Clock clock;

    SalesforceErasure(ProducerTemplate camel, SalesforceQueries salesforce, ObjectMapper json,
                      IdentityProperties identity, Clock clock) {
        this.camel = camel;
        this.salesforce = salesforce;
        this.json = json;
        this.identity = identity;
        this.clock = clock;
    }

    /** The copies of one interaction: its Case and comments (when the conversation is a Case) and its Tasks. */
    public List<String> erase(SocialInteraction interaction, ThreadRecord thread) {
        List<String> changed = new ArrayList<>();
        if (thread != null && thread.system().equals(SalesforceWrites.SYSTEM) && thread.recordType().equals("Case")) {
            if (interaction.id().equals(thread.createdBy())) {
                update("Case", thread.recordId(), Map.of("Subject", SocialContext.ERASED, "Description",
                        SocialContext.erasedBlock(clock.instant(), interaction.id(), interaction.conversationId())));
                changed.add("salesforce:Case:" + thread.recordId());
            }
            for (JsonNode comment : salesforce.records("SELECT Id FROM CaseComment WHERE ParentId = "
                    + SalesforceQueries.literal(thread.recordId()) + " AND CommentBody LIKE "
                    + SalesforceQueries.literal("%" + SocialContext.marker(interaction.id()) + "%"))) {
                update("CaseComment", comment.path("Id").asText(),
                        Map.of("CommentBody", SocialContext.erasedComment(interaction.id())));
                changed.add("salesforce:CaseComment:" + comment.path("Id").asText());
            }
        }
        for (String key : List.of(interaction.id(), "contact:" + interaction.id())) {
            for (JsonNode task : salesforce.records("SELECT Id FROM Task WHERE Socialwire_Id__c = "
                    + SalesforceQueries.literal(key))) {
                update("Task", task.path("Id").asText(), Map.of("Subject", SocialContext.ERASED,
                        "Description", SocialContext.erasedComment(interaction.id())));
                changed.add("salesforce:Task:" + task.path("Id").asText());
            }
        }
        return changed;
    }

    /**
     * The person's Lead (keyed by channel:author:id): name, handles and description overwritten. {@code first} is
     * their first interaction, named in the erased description, or null when the hub holds none.
     */
    public List<String> eraseAuthor(String channel, String authorId, SocialInteraction first) {
        List<String> changed = new ArrayList<>();
        for (JsonNode lead : salesforce.records("SELECT Id FROM Lead WHERE Socialwire_Id__c = "
                + SalesforceQueries.literal(channel + ":author:" + authorId))) {
            Map<String, Object> fields = new HashMap<>();
            fields.put("FirstName", null);
            fields.put("LastName", SocialContext.ERASED);
            fields.put("Description", SocialContext.erasedBlock(clock.instant(), first == null ? "-" : first.id(),
                    first == null ? "-" : first.conversationId()));
            identity.handleFields().values().forEach(field -> fields.put(field, null));
            update("Lead", lead.path("Id").asText(), fields);
            changed.add("salesforce:Lead:" + lead.path("Id").asText());
        }
        return changed;
    }

    private void update(String type, String id, Map<String, Object> fields) {
        try {
            camel.requestBodyAndHeaders("salesforce:updateSObject?sObjectName=" + type + "&rawPayload=true",
                    json.writeValueAsString(fields), Map.of("sObjectId", id));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
