package io.socialwire.emulator.salesforce;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
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

/** The agent user signs in with its own password, and the records it creates carry its CreatedById. */
class SalesforceAgentUserTest {

    private static final String API = "/emulators/salesforce/services/data/v56.0";
    private final ObjectMapper json = new ObjectMapper();
    private final MockMvc salesforce = MockMvcBuilders.standaloneSetup(new SalesforceEmulator(
            new EmulatorProperties(true, null, "socialwire", "hub-secret", "c", "s", "/emulators/servicenow",
                    "/emulators/salesforce", List.of("incident"), Map.of("Case", List.of("Socialwire_Id__c")), 15000,
                    "agent", "agent-password"),
            json, Clock.systemUTC(), new CreatedRecords(Clock.systemUTC()))).build();

    @Test
    void theAgentsCaseCommentCarriesTheAgentsCreatedByIdBesideTheHubsOwn() throws Exception {
        String hub = login("socialwire", "hub-secret");
        String agent = login("agent", "agent-password");
        String caseId = create(hub, "Case", "{\"Subject\":\"Broken order\"}");

        String fromHub = create(hub, "CaseComment", "{\"ParentId\":\"" + caseId + "\",\"CommentBody\":\"hub\","
                + "\"IsPublished\":true}");
        String fromAgent = create(agent, "CaseComment", "{\"ParentId\":\"" + caseId + "\",\"CommentBody\":"
                + "\"A new one ships today.\",\"IsPublished\":true}");

        salesforce.perform(get(API + "/query").param("q", "SELECT Id, CreatedById FROM CaseComment WHERE ParentId = '"
                        + caseId + "' AND CreatedById != '005000000000001AAA'")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + hub))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.records.length()").value(1))
                .andExpect(jsonPath("$.records[0].Id").value(fromAgent))
                .andExpect(jsonPath("$.records[0].CreatedById").value(SalesforceEmulator.AGENT_USER_ID));
        salesforce.perform(get(API + "/sobjects/CaseComment/" + fromHub)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + hub))
                .andExpect(jsonPath("$.CreatedById").value("005000000000001AAA"));
    }

    @Test
    void theAgentsWrongPasswordIsRefused() throws Exception {
        salesforce.perform(post("/emulators/salesforce/services/oauth2/token")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("grant_type", "password")
                        .param("client_id", "c").param("client_secret", "s").param("username", "agent")
                        .param("password", "hub-secret"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("invalid_grant"));
    }

    private String login(String user, String password) throws Exception {
        return json.readTree(salesforce.perform(post("/emulators/salesforce/services/oauth2/token")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("grant_type", "password")
                        .param("client_id", "c").param("client_secret", "s").param("username", user)
                        .param("password", password))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id", Matchers.endsWith(user.equals("agent")
                        ? SalesforceEmulator.AGENT_USER_ID : "005000000000001AAA")))
                .andReturn().getResponse().getContentAsString()).path("access_token").asText();
    }

    private String create(String token, String type, String body) throws Exception {
        return json.readTree(salesforce.perform(post(API + "/sobjects/" + type)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).path("id").asText();
    }
}
