package io.socialwire.targets.servicenow;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.socialwire.channels.polling.Cursors;
import io.socialwire.replies.Replies;
import io.socialwire.replies.Reply;
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
    private static final String NEXT = "serviceNowRepliesNext";

    private final Cursors cursors;
    private final Replies replies;
    private final String integrationUser;
    /** Where the very first poll starts: answers written before the hub with replies started are not sent. */
    private final String started;

    ServiceNowReplies(Cursors cursors, Replies replies, Clock clock,
                      @Value("${camel.kamelet.servicenow-record-sink.userName:}") String integrationUser) {
        this.cursors = cursors;
        this.replies = replies;
        this.integrationUser = integrationUser;
        this.started = TIME.format(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /** The Table API call's headers: comments since the cursor's second, oldest first. */
    public void query(Exchange exchange) {
        Cursor cursor = cursor();
        exchange.getMessage().setHeader("CamelServiceNowResource", "table");
        exchange.getMessage().setHeader("CamelServiceNowAction", "retrieve");
        exchange.getMessage().setHeader("CamelServiceNowTable", "sys_journal_field");
        exchange.getMessage().setHeader("CamelServiceNowQuery", "element=comments^sys_created_on>=" + cursor.second()
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
        Cursor cursor = cursor();
        String second = cursor.second();
        Set<String> readThere = new LinkedHashSet<>(cursor.read());
        List<Reply> found = new ArrayList<>();
        for (Map<?, ?> entry : entries(exchange.getMessage().getBody())) {
            String id = text(entry, "sys_id");
            String created = text(entry, "sys_created_on");
            if (id == null || created == null || created.compareTo(cursor.second()) < 0
                    || (created.equals(cursor.second()) && cursor.read().contains(id))) {
                continue;
            }
            if (created.compareTo(second) > 0) {
                second = created;
                readThere.clear();
            }
            readThere.add(id);
            String text = text(entry, "value");
            String author = text(entry, "sys_created_by");
            if (author == null || author.equals(integrationUser) || SocialContext.carriesMarker(text)) {
                continue;
            }
            Reply reply = replies.of("servicenow", text(entry, "element_id"), id, text, author,
                    LocalDateTime.parse(created, TIME).toInstant(ZoneOffset.UTC));
            if (reply != null) {
                found.add(reply);
            }
        }
        exchange.setProperty(NEXT, new Cursor(second, List.copyOf(readThere)).toString());
        return found;
    }

    /** After the answers are in the outbox. */
    public void advance(Exchange exchange) {
        String next = exchange.getProperty(NEXT, String.class);
        if (next != null && !next.equals(cursors.get(CURSOR))) {
            cursors.move(CURSOR, next);
        }
    }

    /** The note on the record as a work note (camel-servicenow takes a Map): the customer does not see it. */
    public Map<String, Object> workNote(Exchange exchange) {
        return Map.of("work_notes", replies.note(exchange));
    }

    private Cursor cursor() {
        String stored = cursors.get(CURSOR);
        if (stored == null) {
            cursors.move(CURSOR, started);
            return new Cursor(started, List.of());
        }
        return Cursor.parse(stored);
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

    /** A second ({@code yyyy-MM-dd HH:mm:ss}, UTC) and the entries of that second already read. */
    record Cursor(String second, List<String> read) {

        static Cursor parse(String stored) {
            int bar = stored.indexOf('|');
            if (bar < 0) {
                return new Cursor(stored, List.of());
            }
            String ids = stored.substring(bar + 1);
            return new Cursor(stored.substring(0, bar), ids.isEmpty() ? List.of() : Arrays.asList(ids.split(",")));
        }

        @Override
        public String toString() {
            return second + "|" + String.join(",", read);
        }
    }
}
