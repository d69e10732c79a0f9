package io.socialwire.console;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.socialwire.security.SecurityConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** In the production profile (k8s) the console is there as in the try-it jar, and /api needs the same token. */
@WebMvcTest
@ContextConfiguration(classes = {SecurityConfiguration.class, ConsoleSecurity.class, ConsoleAssets.class})
@ActiveProfiles("k8s")
@TestPropertySource(properties = {"SOCIALWIRE_API_TOKEN=production-token", "KAFKA_BOOTSTRAP_SERVERS=kafka:9092",
    "GENERIC_WEBHOOK_SECRET=whsec_c2VjcmV0", "SERVICENOW_INSTANCE=acme", "SERVICENOW_USERNAME=integration",
    "SALESFORCE_CLIENT_ID=client", "SALESFORCE_RECORD_URL=https://acme.lightning.force.com/lightning/r/{type}/{id}/view",
    "MARKETING_WEBHOOK_URL=https://marketing.example/hook", "PR_ALERT_WEBHOOK_URL=https://alerts.example/hook"})
class ConsoleProductionProfileTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theConsoleIsServedAndTheApiStillNeedsTheToken() throws Exception {
        mvc.perform(get("/console/index.html")).andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", ConsoleSecurity.CONTENT_SECURITY_POLICY));
        mvc.perform(get("/api/dlq")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/dlq").header("Authorization", "Bearer production-token"))
                .andExpect(status().isNotFound());
    }
}
