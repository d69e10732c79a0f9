package io.socialwire.console;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.socialwire.security.SecurityConfiguration;
import io.socialwire.tryit.TryItApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Without SOCIALWIRE_API_TOKEN /api/** refuses everything, and the console is not there at all. */
@WebMvcTest
@ContextConfiguration(classes = {SecurityConfiguration.class, ConsoleSecurity.class, ConsoleAssets.class})
@ActiveProfiles(TryItApplication.PROFILE)
@TestPropertySource(properties = "socialwire.api.token=")
class ConsoleOffTest {

    @Autowired
    MockMvc mvc;

    @Test
    void withoutAnApiTokenTheConsoleIsNotFound() throws Exception {
        mvc.perform(get("/console/index.html")).andExpect(status().isNotFound());
        mvc.perform(get("/console/app.js")).andExpect(status().isNotFound());
        mvc.perform(get("/console/")).andExpect(status().isNotFound());
        mvc.perform(get("/console")).andExpect(status().isNotFound());
        mvc.perform(get("/api/routing").header("Authorization", "Bearer ")).andExpect(status().isUnauthorized());
    }
}
