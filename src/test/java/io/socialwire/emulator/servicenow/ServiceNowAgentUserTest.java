package io.socialwire.emulator.servicenow;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.emulator.CreatedRecords;
import io.socialwire.emulator.EmulatorFaults;
import io.socialwire.emulator.EmulatorProperties;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The agent user: it signs in with its own password, and the journal entries it writes carry its name. */
class ServiceNowAgentUserTest {

    private static final String HUB = basic("socialwire", "hub-secret");
    private static final String AGENT = basic("agent", "agent-password");

    private final MockMvc servicenow = emulator(new EmulatorProperties(true, null, "socialwire", "hub-secret", "c",
            "s", "/emulators/servicenow", "/emulators/salesforce",
            List.of("incident", "sys_journal_field", "sn_hr_core_case"), Map.of(), 15000, "agent", "agent-password"));

    @Test
    void theAgentsPublicCommentIsAJournalEntryByTheAgentBesideTheHubsOwn() throws Exception {
        String incident = create("incident", "{\"short_description\":\"Broken order\",\"comments\":\"from the hub\"}");
        String hrCase = create("sn_hr_core_case", "{\"short_description\":\"Payslip\"}");

        servicenow.perform(patch("/emulators/servicenow/api/now/table/incident/" + incident)
                        .header(HttpHeaders.AUTHORIZATION, AGENT).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comments\":\"We are sending a new one today.\","
                                + "\"work_notes\":\"courier booked\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.result.sys_updated_by").value("agent"));
        servicenow.perform(patch("/emulators/servicenow/api/now/v1/table/sn_hr_core_case/" + hrCase)
                        .header(HttpHeaders.AUTHORIZATION, AGENT).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comments\":\"Your payslip is corrected.\"}"))
                .andExpect(status().isOk());

        servicenow.perform(get("/emulators/servicenow/api/now/table/sys_journal_field")
                        .param("sysparm_query", "element=comments^element_idIN" + incident + "," + hrCase
                                + "^ORDERBYsys_created_on")
                        .param("sysparm_fields", "sys_id,element_id,name,value,sys_created_by,sys_created_on")
                        .param("sysparm_limit", "2")
                        .header(HttpHeaders.AUTHORIZATION, HUB))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Total-Count", "3"))
                .andExpect(header().string(HttpHeaders.LINK, Matchers.containsString("rel=\"next\"")))
                .andExpect(jsonPath("$.result.length()").value(2))
                .andExpect(jsonPath("$.result[0].value").value("from the hub"))
                .andExpect(jsonPath("$.result[0].sys_created_by").value("socialwire"))
                .andExpect(jsonPath("$.result[1].value").value("We are sending a new one today."))
                .andExpect(jsonPath("$.result[1].sys_created_by").value("agent"))
                .andExpect(jsonPath("$.result[1].name").value("incident"))
                .andExpect(jsonPath("$.result[1].element_id").value(incident))
                .andExpect(jsonPath("$.result[1].sys_created_on").isNotEmpty())
                .andExpect(jsonPath("$.result[1].element").doesNotExist());
        servicenow.perform(get("/emulators/servicenow/api/now/table/sys_journal_field")
                        .param("sysparm_query", "name=sn_hr_core_case^element=comments"
                                + "^sys_created_on>=2000-01-01 00:00:00^sys_created_by=agent")
                        .header(HttpHeaders.AUTHORIZATION, HUB))
                .andExpect(jsonPath("$.result.length()").value(1))
                .andExpect(jsonPath("$.result[0].value").value("Your payslip is corrected."));
        servicenow.perform(get("/emulators/servicenow/api/now/table/sys_journal_field")
                        .param("sysparm_query", "element=work_notes^sys_created_by=agent")
                        .header(HttpHeaders.AUTHORIZATION, HUB))
                .andExpect(jsonPath("$.result[0].value").value("courier booked"));
    }

    @Test
    void theAgentsWrongPasswordAndAnAgentNobodyConfiguredAreRefused() throws Exception {
        servicenow.perform(get("/emulators/servicenow/api/now/table/incident")
                        .header(HttpHeaders.AUTHORIZATION, basic("agent", "socialwire-local")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error.message").value("User Not Authenticated"));
        MockMvc withoutAgent = emulator(new EmulatorProperties(true, null, "socialwire", "hub-secret", "c", "s",
                "/emulators/servicenow", "/emulators/salesforce", List.of("incident"), Map.of(), 15000, "", ""));
        withoutAgent.perform(get("/emulators/servicenow/api/now/table/incident")
                        .header(HttpHeaders.AUTHORIZATION, basic("", "")))
                .andExpect(status().isUnauthorized());
    }

    private String create(String table, String json) throws Exception {
        String body = servicenow.perform(post("/emulators/servicenow/api/now/table/" + table)
                        .header(HttpHeaders.AUTHORIZATION, HUB).contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return new ObjectMapper().readTree(body).path("result").path("sys_id").asText();
    }

    private static MockMvc emulator(EmulatorProperties properties) {
        Clock clock = Clock.systemUTC();
        return MockMvcBuilders.standaloneSetup(new ServiceNowEmulator(properties, clock, new CreatedRecords(clock),
                new EmulatorFaults())).build();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
