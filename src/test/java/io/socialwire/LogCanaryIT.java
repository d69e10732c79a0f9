package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socialwire.emulator.EmulatorFaults;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Canary secrets (every secret of the environment contract) and canary personal data (a person's name, handle,
 * profile and words) go through the whole hub: every department, a refused webhook, a retried and a
 * dead-lettered delivery. Not one of them may appear in the log output, from start-up to shut-down.
 */
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class LogCanaryIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SLACK_SECRET = "T000CANARY/B000CANARY/slackcanarytoken";
    private static final List<String> PERSONAL = List.of("Quilla Canaryworth", "quilla_canary_9z",
            "https://x.com/quilla_canary_9z", "canarytext");

    @DynamicPropertySource
    static void slackWebhook(DynamicPropertyRegistry registry) {
        registry.add("PR_ALERT_WEBHOOK_URL",
                () -> "http://localhost:${server.port}/emulators/receiver/pr-alerts?path=" + SLACK_SECRET);
    }

    @Autowired
    private EmulatorFaults faults;

    @Test
    void noSecretAndNoPersonalDataReachesTheLog(CapturedOutput output) {
        HubClient hub = hub();
        String[] texts = {
            "My order is broken and nobody answers, terrible canarytext",               // support
            "What is your pricing for 40 seats? canarytext",                          // sales
            "Are you hiring engineers? I sent my job application canarytext",         // hr
            "Absolutely love the new hub, best purchase this year, thank you Acme! canarytext", // marketing
            "Reporter here, can you comment on the data breach? canarytext"};         // pr
        faults.failNext("POST", "/api/now/v1/batch", 1, 503);   // retried
        faults.failNext("POST", "/emulators/receiver/marketing", 1, 400);   // dead-lettered
        for (int i = 0; i < texts.length; i++) {
            assertThat(hub.sendGeneric(post("c" + i, texts[i])).statusCode()).isEqualTo(200);
        }
        assertThat(hub.sendMeta(("{\"object\":\"page\",\"canarytext\":\"Quilla Canaryworth\"}").getBytes(),
                "sha256=" + "00".repeat(32)).statusCode()).isEqualTo(401);
        assertThat(hub.post("/api/routing/explain", post("e", "explain canarytext")).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> hub.whereDid("x:c0").statusCode() == 200
                && hub.whereDid("x:c1").statusCode() == 200 && hub.whereDid("x:c2").statusCode() == 200
                && hub.whereDid("x:c4").statusCode() == 200 && output.getOut().contains("Dead-lettered x:c3"));

        List<String> canaries = new ArrayList<>(HubClient.PROPERTIES.values());
        canaries.add(SLACK_SECRET);
        canaries.addAll(PERSONAL);
        String log = output.getAll().toLowerCase(Locale.ROOT);
        assertThat(canaries).allSatisfy(canary ->
                assertThat(log).as("the log mentions a canary").doesNotContain(canary.toLowerCase(Locale.ROOT)));
    }

    private static String post(String id, String text) {
        ObjectNode node = JSON.createObjectNode().put("channel", "x").put("kind", "post").put("externalId", id)
                .put("text", text).put("language", "en").put("url", "https://x.com/quilla_canary_9z/status/" + id);
        node.putObject("author").put("id", "q9").put("handle", "quilla_canary_9z")
                .put("displayName", "Quilla Canaryworth").put("profileUrl", "https://x.com/quilla_canary_9z")
                .put("followers", id.equals("c4") ? 300000 : 120);
        return node.toString();
    }
}
