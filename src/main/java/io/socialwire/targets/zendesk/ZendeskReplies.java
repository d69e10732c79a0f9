package io.socialwire.targets.zendesk;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.replies.Replies;
import io.socialwire.replies.Reply;
import io.socialwire.replies.ReplyCursor;
import io.socialwire.replies.ReplyCursors;
import io.socialwire.sinks.SocialContext;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import org.zendesk.client.v2.model.Comment;
import org.zendesk.client.v2.model.User;

/**
 * Agents' answers in Zendesk (routes/targets/zendesk-replies.camel.yaml): the public comments written since the
 * cursor, read in one call of the incremental ticket event export per poll ({@code include=comment_events}), oldest
 * first. Its times are to the second, so the cursor is a second and the ticket events (audits) of that second already
 * read. The hub's own comments (the integration user's, asked once with {@code users/me}, or carrying an
 * interaction's marker) and private comments are not answers.
 */
@Component("zendeskReplies")
public class ZendeskReplies {

    static final String CURSOR = "replies:zendesk";

    private final ReplyCursors cursors;
    private final Replies replies;
    private final ObjectMapper json;
    /** Where the very first poll starts: answers written before the hub with replies started are not sent. */
    private final ReplyCursor started;
    /** The integration user's id, once Zendesk said it. */
    private volatile Long integrationUserId;

    ZendeskReplies(ReplyCursors cursors, Replies replies, ObjectMapper json, Clock clock) {
        this.cursors = cursors;
        this.replies = replies;
        this.json = json;
        this.started = ReplyCursor.at(clock.instant());
    }

    /** Whether the integration user's id is known (otherwise the poll asks Zendesk first). */
    public boolean knowsItself() {
        return integrationUserId != null;
    }

    /** The answer to camel-zendesk's getCurrentUser (the body): the integration user, whose comments are the hub's. */
    public void itself(Exchange exchange) {
        User user = exchange.getMessage().getBody(User.class);
        if (user == null || user.getId() == null) {
            throw new IllegalStateException("Zendesk did not say who the integration user is");
        }
        integrationUserId = user.getId();
    }

    /** The export call's query: ticket events since the cursor's second, with their comments. */
    public void query(Exchange exchange) {
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
        exchange.getMessage().setHeader(Exchange.HTTP_QUERY, "start_time=" + cursor().second().getEpochSecond()
                + "&include=comment_events");
        exchange.getMessage().setBody(null);
    }

    /**
     * The export's page (the body): the public comments on the hub's tickets, and the cursor past every ticket event
     * read, for {@link ReplyCursors#advance} once the answers are in the outbox.
     */
    public List<Reply> answers(Exchange exchange) throws IOException {
        ReplyCursor cursor = cursor();
        List<Reply> found = new ArrayList<>();
        String body = exchange.getMessage().getBody(String.class);
        for (JsonNode event : json.readTree(body == null || body.isBlank() ? "{}" : body).path("ticket_events")) {
            String id = event.path("id").asText(null);
            if (id == null || !event.path("timestamp").canConvertToLong()) {
                continue;
            }
            Instant at = Instant.ofEpochSecond(event.path("timestamp").asLong());
            if (!cursor.isNew(id, at)) {
                continue;
            }
            cursor = cursor.past(id, at);
            for (JsonNode child : event.path("child_events")) {
                Reply reply = answer(event, child, at);
                if (reply != null) {
                    found.add(reply);
                }
            }
        }
        cursors.propose(exchange, CURSOR, cursor);
        return found;
    }

    /** The note on the ticket, as a private comment (the customer does not see it; the poll does not read it). */
    public Comment note(Exchange exchange) {
        Comment note = new Comment(replies.note(exchange));
        note.setPublic(false);
        return note;
    }

    private Reply answer(JsonNode event, JsonNode child, Instant at) {
        if (!"Comment".equals(child.path("event_type").asText()) || !child.path("public").asBoolean(false)) {
            return null;
        }
        String text = child.path("body").asText(null);
        String author = child.path("author_id").asText("");
        Long itself = integrationUserId;
        if (author.isEmpty() || itself == null || author.equals(itself.toString())
                || SocialContext.carriesMarker(text)) {
            return null;
        }
        return replies.of("zendesk", event.path("ticket_id").asText(null), child.path("id").asText(), text, author, at);
    }

    private ReplyCursor cursor() {
        return cursors.current(CURSOR, started);
    }
}
