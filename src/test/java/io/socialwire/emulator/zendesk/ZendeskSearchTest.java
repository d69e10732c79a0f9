package io.socialwire.emulator.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.emulator.CreatedRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZendeskSearchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ZendeskDesk desk = new ZendeskDesk(Clock.systemUTC(), new CreatedRecords(Clock.systemUTC()),
            "agent@example.com");

    @BeforeEach
    void tickets() throws Exception {
        desk.create(JSON.readTree("""
                {"subject":"Refund for order 17","comment":{"body":"I want my money back"},"external_id":"x:17",
                 "tags":["channel_x","support"],"requester":{"name":"Ana","email":"ana@example.com"}}"""));
        desk.create(JSON.readTree("""
                {"subject":"Love the app","comment":{"body":"Great update"},"external_id":"ig:5",
                 "tags":["channel_instagram"],"priority":"low","status":"solved"}"""));
    }

    @Test
    void findsTicketsByExternalIdTagsStatusRequesterAndWords() {
        assertThat(ids("type:ticket external_id:x:17")).containsExactly(1L);
        assertThat(ids("type:ticket external_id:\"ig:5\"")).containsExactly(2L);
        assertThat(ids("tags:support")).containsExactly(1L);
        assertThat(ids("tag:channel_instagram type:ticket")).containsExactly(2L);
        assertThat(ids("status<solved")).containsExactly(1L);
        assertThat(ids("status:solved priority:low")).containsExactly(2L);
        assertThat(ids("requester:ana@example.com")).containsExactly(1L);
        assertThat(ids("money refund")).containsExactly(1L);
        assertThat(ids("-tags:support type:ticket")).containsExactly(2L);
        assertThat(ids("type:user")).isEmpty();
        assertThat(ids("external_id:x:99")).isEmpty();
    }

    private List<Long> ids(String query) {
        ZendeskSearch search = ZendeskSearch.parse(query, id -> desk.user(id).orElse(null));
        return desk.all().stream().filter(search::matches).map(t -> t.id).toList();
    }
}
