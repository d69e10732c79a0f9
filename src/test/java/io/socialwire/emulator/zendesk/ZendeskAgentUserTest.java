package io.socialwire.emulator.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.emulator.CreatedRecords;
import io.socialwire.emulator.EmulatorProperties;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The support agent signs in with its own password or token, and the comments it adds carry its user id. */
class ZendeskAgentUserTest {

    private static final String HUB = basic("socialwire", "hub-secret");
    private static final String AGENT = basic("agent/token", "agent-password");

    private final MockMvc zendesk = MockMvcBuilders.standaloneSetup(new ZendeskEmulator(
            new EmulatorProperties(true, null, "socialwire", "hub-secret", "c", "s", "/emulators/servicenow",
                    "/emulators/salesforce", List.of("incident"), Map.of(), 15000, "agent", "agent-password"),
            new ZendeskEmulatorProperties(100), Clock.systemUTC(), new CreatedRecords(Clock.systemUTC()))).build();

    @Test
    void theAgentsPublicCommentCarriesTheAgentsUserIdBesideTheHubsOwn() throws Exception {
        JsonNode hub = me(HUB);
        JsonNode agent = me(AGENT);
        String ticket = new ObjectMapper().readTree(zendesk.perform(post("/emulators/zendesk/api/v2/tickets.json")
                        .header(HttpHeaders.AUTHORIZATION, HUB).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ticket\":{\"subject\":\"Broken order\",\"comment\":{\"body\":\"from the hub\"}}}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString())
                .path("ticket").path("id").asText();

        zendesk.perform(put("/emulators/zendesk/api/v2/tickets/" + ticket + ".json")
                        .header(HttpHeaders.AUTHORIZATION, AGENT).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ticket\":{\"comment\":{\"body\":\"A new one ships today.\",\"public\":true}}}"))
                .andExpect(status().isOk());

        zendesk.perform(get("/emulators/zendesk/api/v2/tickets/" + ticket + "/comments.json")
                        .header(HttpHeaders.AUTHORIZATION, HUB))
                .andExpect(jsonPath("$.comments.length()").value(2))
                .andExpect(jsonPath("$.comments[0].author_id").value(hub.path("id").asLong()))
                .andExpect(jsonPath("$.comments[1].body").value("A new one ships today."))
                .andExpect(jsonPath("$.comments[1].public").value(true))
                .andExpect(jsonPath("$.comments[1].author_id").value(agent.path("id").asLong()));
        assertThat(agent.path("id").asLong()).isNotEqualTo(hub.path("id").asLong());
        assertThat(agent.path("email").asText()).isEqualTo("agent");
        assertThat(agent.path("role").asText()).isEqualTo("agent");
    }

    @Test
    void theAgentsWrongPasswordIsRefused() throws Exception {
        zendesk.perform(get("/emulators/zendesk/api/v2/users/me.json")
                        .header(HttpHeaders.AUTHORIZATION, basic("agent", "hub-secret")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error").value("Couldn't authenticate you"));
    }

    private JsonNode me(String authorization) throws Exception {
        return new ObjectMapper().readTree(zendesk.perform(get("/emulators/zendesk/api/v2/users/me.json")
                        .header(HttpHeaders.AUTHORIZATION, authorization))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).path("user");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
