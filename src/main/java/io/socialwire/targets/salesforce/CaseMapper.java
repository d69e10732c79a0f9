package io.socialwire.targets.salesforce;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.sinks.SocialContext;
import io.socialwire.identity.Person;
import io.socialwire.identity.SalesforceQueries;
import io.socialwire.model.Channels;
import io.socialwire.model.SocialInteraction;
import org.springframework.stereotype.Component;

/** Interactions to Salesforce Cases and CaseComments, as JSON strings for camel-salesforce. */
@Component("caseMapper")
public class CaseMapper {

    private static final String[] PRIORITY = {"High", "High", "Medium", "Low", "Low"};

    private final ObjectMapper json;

    public CaseMapper(ObjectMapper json) {
        this.json = json;
    }

    public String findQuery(String conversationId, String externalIdField) {
        return "SELECT Id, Description FROM Case WHERE " + externalIdField + " = "
                + SalesforceQueries.literal(conversationId) + " LIMIT 1";
    }

    public String newCase(SocialInteraction interaction, Person person) throws JsonProcessingException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Subject", SocialContext.subject(interaction));
        fields.put("Description", SocialContext.block(interaction, person == null ? null : person.describe()));
        fields.put("Origin", Channels.displayName(interaction.channel()));
        fields.put("Status", "New");
        int priority = interaction.enrichment() == null ? 4 : interaction.enrichment().priority();
        fields.put("Priority", PRIORITY[Math.max(1, Math.min(5, priority)) - 1]);
        if (person != null && person.isContact()) {
            fields.put("ContactId", person.id());
        }
        return json.writeValueAsString(fields);
    }

    /** Finds the CaseComment of this follow-up, if it was written before. */
    public String commentQuery(String caseId, String interactionId) {
        return "SELECT Id FROM CaseComment WHERE ParentId = " + SalesforceQueries.literal(caseId)
                + " AND CommentBody LIKE " + SalesforceQueries.literal("%" + SocialContext.marker(interactionId) + "%")
                + " LIMIT 1";
    }

    public String comment(SocialInteraction interaction, String caseId) throws JsonProcessingException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ParentId", caseId);
        fields.put("CommentBody", SocialContext.comment(interaction));
        fields.put("IsPublished", true);
        return json.writeValueAsString(fields);
    }
}
