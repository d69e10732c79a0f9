package io.socialwire.targets.servicenow;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.socialwire.replies.Replies;
import io.socialwire.replies.Reply;
import io.socialwire.replies.ReplyCursor;
import io.socialwire.replies.ReplyCursors;
import io.socialwire.sinks.SocialContext;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Agents' answers in ServiceNow (routes/targets/servicenow.camel.yaml, servicenow-replies): the public comments
 * ({@code comments} journal entries, never {@code work_notes}) written since the cursor, read from
 * {@code sys_journal_field} in one Table API call per poll, oldest first. ServiceNow's times are to the second, so
 * the cursor is a second and the entries of that second already read; the next poll asks from that second again and
 * skips them. The hub's own entries (its integration user's, or carrying an interaction's marker) are not answers.
 */
@Component("serviceNowReplies")
public class ServiceNowReplies {

    static final String CURSOR = "replies:servicenow";
    static final int LIMIT = 100;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ReplyCursors cursors;
    private final Replies replies;
    private final String integrationUser;
    /** Where the very first poll starts: answers written before the hub with replies started are not sent. */
    private final ReplyCursor started;

    ServiceNowReplies(ReplyCursors cursors, Replies replies, Clock clock,
                      @Value("${camel.kamelet.servicenow-record-sink.userName:}") String integrationUser) {
        this.cursors = cursors;
        this.replies = replies;
        this.integrationUser = integrationUser;
        this.started = ReplyCursor.at(clock.instant());
    }

    /** The Table API call's headers: comments since the cursor's second, oldest first. */
    public void query(Exchange exchange) {
        String since = TIME.format(LocalDateTime.ofInstant(cursor().second(), ZoneOffset.UTC));
        exchange.getMessage().setHeader("CamelServiceNowResource", "table");
        exchange.getMessage().setHeader("CamelServiceNowAction", "retrieve");
        exchange.getMessage().setHeader("CamelServiceNowTable", "sys_journal_field");
        exchange.getMessage().setHeader("CamelServiceNowQuery", "element=comments^sys_created_on>=" + since
                + (integrationUser.isBlank() ? "" : "^sys_created_by!=" + integrationUser) + "^ORDERBYsys_created_on");
        exchange.getMessage().setHeader("CamelServiceNowLimit", LIMIT);
        exchange.getMessage().setHeader("CamelServiceNowFields",
                "sys_id,element_id,name,value,sys_created_on,sys_created_by");
        exchange.getMessage().setBody(null);
    }

    /**
     * The entries read (the body, ServiceNow's {@code result}): the answers on the hub's records, and the cursor past
     * them for {@link #advance} once they are in the outbox.
     */
    public List<Reply> answers(Exchange exchange) {
        ReplyCursor cursor = cursor();
        List<Reply> found = new ArrayList<>();
        for (Map<?, ?> entry : entries(exchange.getMessage().getBody())) {
            String id = text(entry, "sys_id");
            String created = text(entry, "sys_created_on");
            if (id == null || created == null) {
                continue;
            }
            Instant at = LocalDateTime.parse(created, TIME).toInstant(ZoneOffset.UTC);
            if (!cursor.isNew(id, at)) {
                continue;
            }
            cursor = cursor.past(id, at);
            String text = text(entry, "value");
            String author = text(entry, "sys_created_by");
            if (author == null || author.equals(integrationUser) || SocialContext.carriesMarker(text)) {
                continue;
            }
            Reply reply = replies.of("servicenow", text(entry, "element_id"), id, text, author, at);
            if (reply != null) {
                found.add(reply);
            }
        }
        cursors.propose(exchange, CURSOR, cursor);
        return found;
    }

    /** The note on the record as a work note (camel-servicenow takes a Map): the customer does not see it. */
    public Map<String, Object> workNote(Exchange exchange) {
        return Map.of("work_notes", replies.note(exchange));
    }

    private ReplyCursor cursor() {
        return cursors.current(CURSOR, started);
    }

    private static List<Map<?, ?>> entries(Object body) {
        if (body instanceof List<?> list) {
            return list.stream().filter(Map.class::isInstance).<Map<?, ?>>map(e -> (Map<?, ?>) e).toList();
        }
        return body instanceof Map<?, ?> one ? List.of(one) : List.of();
    }

    private static String text(Map<?, ?> entry, String field) {
        Object value = entry.get(field);
        if (value instanceof Map<?, ?> reference) {
            value = reference.get("value");
        }
        return value == null ? null : value.toString();
    }
}
