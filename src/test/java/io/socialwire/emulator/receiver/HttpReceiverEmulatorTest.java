package io.socialwire.emulator.receiver;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.socialwire.emulator.EmulatorProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** What the marketing system and Slack stand-ins received, across a restart of the try-it hub. */
class HttpReceiverEmulatorTest {

    @TempDir
    Path dataDir;

    @Test
    void deliveriesSurviveARestartAndAForgetStaysForgotten() throws Exception {
        MockMvc before = receiver();
        before.perform(post("/emulators/receiver/marketing").contentType(MediaType.APPLICATION_JSON)
                .header("X-Socialwire-Signature", "sha256=ab").content("{\"interaction\":\"x:1\"}"))
                .andExpect(status().isOk());
        before.perform(post("/emulators/receiver/pr-alerts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"alert\"}")).andExpect(status().isOk());
        before.perform(delete("/emulators/receiver/pr-alerts")).andExpect(status().isNoContent());

        MockMvc after = receiver();

        after.perform(get("/emulators/receiver/marketing"))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].body").value("{\"interaction\":\"x:1\"}"))
                .andExpect(jsonPath("$[0].headers.x-socialwire-signature").value("sha256=ab"))
                .andExpect(jsonPath("$[0].receivedAt").isNotEmpty());
        after.perform(get("/emulators/receiver/pr-alerts")).andExpect(jsonPath("$.length()").value(0));
    }

    private MockMvc receiver() {
        return MockMvcBuilders.standaloneSetup(new HttpReceiverEmulator(new EmulatorProperties(true,
                dataDir.toString(), "u", "p", "c", "s", "/emulators/servicenow", "/emulators/salesforce",
                List.of("incident"), Map.of(), 15000, null, null))).build();
    }
}
