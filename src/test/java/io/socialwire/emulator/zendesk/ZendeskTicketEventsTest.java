package io.socialwire.emulator.zendesk;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.emulator.CreatedRecords;
import io.socialwire.emulator.EmulatorProperties;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The incremental ticket event export: every ticket write since start_time, oldest first, with its comment's author,
 * text and visibility when comment_events are included; admins only.
 */
class ZendeskTicketEventsTest {

    private static final String API = "/emulators/zendesk/api/v2";
    private static final String HUB = basic("socialwire/token", "hub-secret");
    private static final String AGENT = basic("agent", "agent-password");
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private final ObjectMapper json = new ObjectMapper();
    private final MockMvc zendesk = MockMvcBuilders.standaloneSetup(new ZendeskEmulator(
            new EmulatorProperties(true, null, "socialwire", "hub-secret", "c", "s", "/emulators/servicenow",
                    "/emulators/salesforce", List.of("incident"), Map.of(), 15000, "agent", "agent-password"),
            new ZendeskEmulatorProperties(100), Clock.fixed(NOW, ZoneOffset.UTC),
            new CreatedRecords(Clock.systemUTC()))).build();

    @Test
    void eachWriteIsAnAuditEventWithItsCommentsAuthorTextAndVisibility() throws Exception {
        long hub = id(HUB);
        long agent = id(AGENT);
        String ticket = json.readTree(zendesk.perform(post(API + "/tickets.json").header(HttpHeaders.AUTHORIZATION, HUB)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ticket\":{\"subject\":\"Broken\",\"comment\":{\"body\":\"from the hub\","
                                + "\"public\":false}}}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString())
                .path("ticket").path("id").asText();
        comment(ticket, "A new one ships today.", true);
        comment(ticket, "courier booked (internal)", false);

        zendesk.perform(get(API + "/incremental/ticket_events.json").param("start_time",
                                Long.toString(NOW.getEpochSecond())).param("include", "comment_events")
                        .header(HttpHeaders.AUTHORIZATION, HUB))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.count").value(3))
                .andExpect(jsonPath("$.end_time").value(NOW.getEpochSecond()))
                .andExpect(jsonPath("$.end_of_stream").value(true))
                .andExpect(jsonPath("$.next_page", Matchers.containsString("start_time=" + NOW.getEpochSecond())))
                .andExpect(jsonPath("$.ticket_events[0].ticket_id").value(Long.parseLong(ticket)))
                .andExpect(jsonPath("$.ticket_events[0].event_type").value("Audit"))
                .andExpect(jsonPath("$.ticket_events[0].timestamp").value(NOW.getEpochSecond()))
                .andExpect(jsonPath("$.ticket_events[0].child_events[0].author_id").value(hub))
                .andExpect(jsonPath("$.ticket_events[0].child_events[0].public").value(false))
                .andExpect(jsonPath("$.ticket_events[1].updater_id").value(agent))
                .andExpect(jsonPath("$.ticket_events[1].child_events[0].event_type").value("Comment"))
                .andExpect(jsonPath("$.ticket_events[1].child_events[0].author_id").value(agent))
                .andExpect(jsonPath("$.ticket_events[1].child_events[0].body").value("A new one ships today."))
                .andExpect(jsonPath("$.ticket_events[1].child_events[0].public").value(true))
                .andExpect(jsonPath("$.ticket_events[2].child_events[0].public").value(false));
        zendesk.perform(get(API + "/incremental/ticket_events.json")
                        .param("start_time", Long.toString(NOW.getEpochSecond()))
                        .header(HttpHeaders.AUTHORIZATION, HUB))
                .andExpect(jsonPath("$.ticket_events[1].child_events[0].comment_public").value(true))
                .andExpect(jsonPath("$.ticket_events[1].child_events[0].body").doesNotExist());
        zendesk.perform(get(API + "/incremental/ticket_events.json")
                        .param("start_time", Long.toString(NOW.getEpochSecond() + 1))
                        .header(HttpHeaders.AUTHORIZATION, HUB))
                .andExpect(jsonPath("$.count").value(0));
    }

    @Test
    void onlyAnAdminMayExportAndStartTimeIsRequired() throws Exception {
        zendesk.perform(get(API + "/incremental/ticket_events.json").param("start_time", "0")
                        .header(HttpHeaders.AUTHORIZATION, AGENT))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error").value("Forbidden"));
        zendesk.perform(get(API + "/incremental/ticket_events.json").header(HttpHeaders.AUTHORIZATION, HUB))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("InvalidValue"));
    }

    private void comment(String ticket, String body, boolean isPublic) throws Exception {
        zendesk.perform(put(API + "/tickets/" + ticket + ".json").header(HttpHeaders.AUTHORIZATION, AGENT)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ticket\":{\"comment\":{\"body\":\"" + body + "\",\"public\":" + isPublic + "}}}"))
                .andExpect(status().isOk());
    }

    private long id(String authorization) throws Exception {
        return json.readTree(zendesk.perform(get(API + "/users/me.json")
                        .header(HttpHeaders.AUTHORIZATION, authorization))
                .andReturn().getResponse().getContentAsString()).path("user").path("id").asLong();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
