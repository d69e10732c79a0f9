package io.socialwire.targets.salesforce;

import java.io.InputStream;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.socialwire.conversation.Conversations;
import io.socialwire.identity.IdentityResolver;
import io.socialwire.identity.Person;
import io.socialwire.identity.SalesforceQueries;
import io.socialwire.sinks.SocialContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;
import org.springframework.stereotype.Component;

/**
 * The conversation steps of the Salesforce kamelets that call Salesforce themselves: a record found by a query or an
 * upsert becomes the conversation's, and the person the author was matched to is recognised.
 */
@Component("salesforceRecords")
public class SalesforceRecords {

    private final Conversations conversations;
    private final SalesforceQueries salesforce;

    SalesforceRecords(Conversations conversations, SalesforceQueries salesforce) {
        this.conversations = conversations;
        this.salesforce = salesforce;
    }

    /** After a Salesforce search: adopt the record found, if any. */
    public void adoptFound(Exchange exchange, String type) {
        Optional<JsonNode> found = salesforce.firstRecord(exchange.getMessage().getBody(InputStream.class));
        found.ifPresent(r -> conversations.adopt(exchange, SalesforceWrites.SYSTEM, type, r.path("Id").asText(),
                SocialContext.createdBy(r.path("Description").asText(null))));
    }

    /** True when a raw Salesforce query result (the body) holds no record. */
    public boolean isNoRecord(Exchange exchange) {
        return salesforce.firstRecord(exchange.getMessage().getBody(InputStream.class)).isEmpty();
    }

    /**
     * A Salesforce record the author was matched to becomes the conversation's record; a Lead this very interaction
     * created (before a crash lost the index entry) is its record as created, not one to add a Task to.
     */
    public void adoptPerson(Exchange exchange, String type, String id) {
        Person person = exchange.getProperty(IdentityResolver.PERSON, Person.class);
        conversations.adopt(exchange, SalesforceWrites.SYSTEM, type, id,
                person != null && id.equals(person.id()) ? person.createdBy() : null);
    }

    /**
     * After an upsert by external id. Salesforce answers 201 with the id when it created the record, and 204
     * without one when the record already existed (another conversation of the same person got there first):
     * then the record is looked up and this interaction becomes a follow-up on it.
     */
    public void upserted(Exchange exchange, String type, String externalIdField) {
        UpsertSObjectResult result = exchange.getMessage().getBody(UpsertSObjectResult.class);
        if (result != null && Boolean.TRUE.equals(result.getCreated()) && result.getId() != null) {
            conversations.created(exchange, SalesforceWrites.SYSTEM, type, result.getId());
            return;
        }
        String key = exchange.getMessage().getHeader("sObjectIdValue", String.class);
        JsonNode existing = salesforce.first("SELECT Id, Description FROM " + type + " WHERE " + externalIdField
                + " = " + SalesforceQueries.literal(key)).orElseThrow(() -> new IllegalStateException(
                        type + " upserted by " + externalIdField + " but not found"));
        conversations.adopt(exchange, SalesforceWrites.SYSTEM, type, existing.path("Id").asText(),
                SocialContext.createdBy(existing.path("Description").asText(null)));
    }
}
