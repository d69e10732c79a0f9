package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.socialwire.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** A polled channel whose credentials the platform rejects says so in health, and the hub keeps running. */
// a context of its own: closed after the class, so its broker and pollers do not weigh on later tests
@DirtiesContext
@TestPropertySource(properties = {"X_POLL_INTERVAL=300ms", "socialwire.channels.x-v2.bearer-token=revoked-token"})
class XApiV2RejectedIT extends HubIntegrationTest {

    @Test
    void aRejectedTokenShowsInHealthWithoutStoppingTheHub() {
        await().atMost(Duration.ofSeconds(30)).until(() -> hub().get("/actuator/health").body()
                .contains("\"x-v2\":\"X API v2 answered 401: the bearer token is rejected\""));

        assertThat(hub().get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(hub().get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }
}
