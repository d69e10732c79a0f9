package io.socialwire.emulator.servicenow;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.emulator.CreatedRecords;
import io.socialwire.emulator.EmulatorFaults;
import io.socialwire.emulator.EmulatorProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** Through the Table API: an incident created before a restart of the emulator is read after it. */
class ServiceNowEmulatorRestartTest {

    private static final String AUTH = "Basic "
            + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dataDir;

    @Test
    void anIncidentCreatedBeforeARestartIsFoundAfterIt() throws Exception {
        String created = emulator().perform(post("/emulators/servicenow/api/now/table/incident")
                        .header(HttpHeaders.AUTHORIZATION, AUTH).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"short_description\":\"Broken order\",\"correlation_id\":\"facebook:1_2\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String sysId = new ObjectMapper().readTree(created).path("result").path("sys_id").asText();

        MockMvc restarted = emulator();

        restarted.perform(get("/emulators/servicenow/api/now/table/incident")
                        .param("sysparm_query", "correlation_id=facebook:1_2").header(HttpHeaders.AUTHORIZATION, AUTH))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.result[0].sys_id").value(sysId))
                .andExpect(jsonPath("$.result[0].number").value("INC0010001"));
    }

    private MockMvc emulator() {
        EmulatorProperties properties = new EmulatorProperties(true, dataDir.toString(), "u", "p", "c", "s",
                "/emulators/servicenow", "/emulators/salesforce", List.of("incident", "sys_journal_field"), Map.of(),
                15000, null, null);
        Clock clock = Clock.systemUTC();
        return MockMvcBuilders.standaloneSetup(new ServiceNowEmulator(properties, clock, new CreatedRecords(clock),
                new EmulatorFaults())).build();
    }
}
