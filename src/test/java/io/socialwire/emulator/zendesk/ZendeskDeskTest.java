package io.socialwire.emulator.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.emulator.CreatedRecords;
import org.junit.jupiter.api.Test;

class ZendeskDeskTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CreatedRecords records = new CreatedRecords(Clock.systemUTC());
    private final ZendeskDesk desk = new ZendeskDesk(Clock.systemUTC(), records, "agent@example.com");

    @Test
    void createsATicketWhoseFirstCommentTheSubmitterWritesForARequesterFoundByEmail() throws Exception {
        ZendeskDesk.Ticket first = desk.create(json("""
                {"subject":"Order late","comment":{"body":"Where is my order? ref:t1"},
                 "requester":{"name":"Ana","email":"ana@example.com"},"external_id":"x:1",
                 "tags":["Channel_X support", "support"],"priority":"high","type":"question"}"""));
        ZendeskDesk.Ticket second = desk.create(json("""
                {"subject":"Again","comment":{"html_body":"<p>Still <b>late</b></p>","public":false},
                 "requester":{"name":"Ana B.","email":"ANA@example.com"}}"""));

        assertThat(first.id).isEqualTo(1);
        assertThat(second.id).isEqualTo(2);
        assertThat(first.requesterId).isEqualTo(second.requesterId).isNotEqualTo(desk.agent().id);
        assertThat(first.comments).singleElement().satisfies(c -> {
            assertThat(c.authorId()).isEqualTo(desk.agent().id);
            assertThat(c.body()).isEqualTo("Where is my order? ref:t1");
            assertThat(c.isPublic()).isTrue();
        });
        assertThat(first.tags).containsExactly("channel_x", "support");
        assertThat(first.status).isEqualTo("new");
        assertThat(second.description()).isEqualTo("Still late");
        assertThat(second.isPublic()).isFalse();
        assertThat(records.after(0, "t1", 10).records()).singleElement()
                .satisfies(r -> assertThat(r.system() + "/" + r.type() + "/" + r.id()).isEqualTo("zendesk/ticket/1"));
    }

    @Test
    void anUpdateAddsTheCommentAndOpensTheTicketButAClosedTicketTakesNone() throws Exception {
        ZendeskDesk.Ticket ticket = desk.create(json("{\"comment\":{\"body\":\"first\"},\"tags\":[\"a\"]}"));

        desk.update(ticket.id, json("{\"comment\":{\"body\":\"follow-up\",\"public\":true},\"additional_tags\":[\"b\"]}"));
        assertThat(ticket.comments).extracting(ZendeskDesk.Comment::body).containsExactly("first", "follow-up");
        assertThat(ticket.status).isEqualTo("open");
        assertThat(ticket.tags).containsExactly("a", "b");

        desk.update(ticket.id, json("{\"status\":\"closed\"}"));
        assertThatThrownBy(() -> desk.update(ticket.id, json("{\"comment\":{\"body\":\"too late\"}}")))
                .isInstanceOfSatisfying(ZendeskError.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.body()).containsEntry("error", "RecordInvalid").containsEntry("details",
                            Map.of("status", List.of(Map.of("description", "Status: closed prevents ticket update",
                                    "error", "ClosedPreventsUpdate"))));
                });
        assertThat(ticket.comments).hasSize(2);
    }

    @Test
    void refusesATicketWithoutDescriptionOrWithBadValuesAsRecordInvalid() {
        assertThatThrownBy(() -> desk.create(json("{\"subject\":\"no comment\",\"priority\":\"asap\","
                + "\"requester\":{\"name\":\"B\",\"email\":\"not-an-email\"}}")))
                .isInstanceOfSatisfying(ZendeskError.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.body()).containsEntry("description", "Record validation errors");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> details = (Map<String, Object>) e.body().get("details");
                    assertThat(details).containsOnlyKeys("base", "requester", "priority");
                    assertThat(details.get("base")).isEqualTo(List.of(Map.of("description",
                            "Description: cannot be blank", "error", "BlankValue")));
                });
        assertThat(desk.all()).isEmpty();
        assertThatThrownBy(() -> desk.update(42, json("{}"))).isInstanceOfSatisfying(ZendeskError.class,
                e -> assertThat(e.body()).isEqualTo(Map.of("error", "RecordNotFound", "description", "Not found")));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
