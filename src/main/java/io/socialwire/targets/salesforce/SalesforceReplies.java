package io.socialwire.targets.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.replies.Replies;
import io.socialwire.replies.Reply;
import io.socialwire.replies.ReplyCursor;
import io.socialwire.replies.ReplyCursors;
import io.socialwire.sinks.SocialContext;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Agents' answers in Salesforce (routes/targets/salesforce-replies.camel.yaml): the published CaseComments
 * ({@code IsPublished = true}, what the customer may see) written since the cursor, in one SOQL query per poll,
 * oldest first. The hub's own comments (its integration user's, when {@code SALESFORCE_INTEGRATION_USER_ID} is set,
 * and any carrying an interaction's marker) are not answers; its notes are unpublished, so never read.
 */
@Component("salesforceReplies")
public class SalesforceReplies {

    static final String CURSOR = "replies:salesforce";
    static final int LIMIT = 100;
    /** SOQL's date-time literal: to the second, in UTC. */
    private static final DateTimeFormatter SOQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    private static final DateTimeFormatter SALESFORCE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]XX");

    private final ReplyCursors cursors;
    private final Replies replies;
    private final ObjectMapper json;
    private final String integrationUserId;
    private final ReplyCursor started;

    SalesforceReplies(ReplyCursors cursors, Replies replies, ObjectMapper json, Clock clock,
                      @Value("${socialwire.replies.sources.salesforce.integration-user-id:}") String integrationUserId) {
        this.cursors = cursors;
        this.replies = replies;
        this.json = json;
        this.integrationUserId = integrationUserId;
        this.started = ReplyCursor.at(clock.instant());
    }

    /** The query (header {@code sObjectQuery}): published comments since the cursor's second, oldest first. */
    public void query(Exchange exchange) {
        exchange.getMessage().setHeader("sObjectQuery", "SELECT Id, ParentId, CommentBody, CreatedById, CreatedDate "
                + "FROM CaseComment WHERE IsPublished = true AND CreatedDate >= "
                + SOQL_TIME.format(cursor().second())
                + (integrationUserId.isBlank() ? "" : " AND CreatedById != '" + integrationUserId + "'")
                + " ORDER BY CreatedDate LIMIT " + LIMIT);
        exchange.getMessage().setBody(null);
    }

    /** The comments read (the body, the query's raw answer): the answers on the hub's Cases, and the next cursor. */
    public List<Reply> answers(Exchange exchange) throws IOException {
        ReplyCursor cursor = cursor();
        List<Reply> found = new ArrayList<>();
        for (JsonNode comment : read(exchange.getMessage().getBody()).path("records")) {
            String id = comment.path("Id").asText(null);
            String created = comment.path("CreatedDate").asText(null);
            if (id == null || created == null) {
                continue;
            }
            Instant at = OffsetDateTime.parse(created, SALESFORCE_TIME).toInstant();
            if (!cursor.isNew(id, at)) {
                continue;
            }
            cursor = cursor.past(id, at);
            String text = comment.path("CommentBody").asText(null);
            String author = comment.path("CreatedById").asText("");
            if (SocialContext.carriesMarker(text) || (!integrationUserId.isBlank() && author.equals(integrationUserId))) {
                continue;
            }
            Reply reply = replies.of("salesforce", comment.path("ParentId").asText(null), id, text, author, at);
            if (reply != null) {
                found.add(reply);
            }
        }
        cursors.propose(exchange, CURSOR, cursor);
        return found;
    }

    /** The note on the Case, as an unpublished CaseComment (the customer does not see it; the poll does not read it). */
    public String note(Exchange exchange) throws IOException {
        Reply reply = replies.reply(exchange);
        return json.writeValueAsString(Map.of("ParentId", reply.recordId(), "CommentBody", replies.note(exchange),
                "IsPublished", false));
    }

    private ReplyCursor cursor() {
        return cursors.current(CURSOR, started);
    }

    private JsonNode read(Object body) throws IOException {
        if (body instanceof InputStream in) {
            try (in) {
                return json.readTree(in);
            }
        }
        return json.readTree(body == null ? "{}" : body.toString());
    }
}
