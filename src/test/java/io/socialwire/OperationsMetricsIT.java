package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import io.socialwire.support.Payloads;
import org.junit.jupiter.api.Test;

/**
 * What an admin watches in Prometheus: deliveries by channel, department, target and outcome, the time from
 * receipt to record, consumer lag per group (dispatch and every lane) and the dead-letter topic's size.
 */
class OperationsMetricsIT extends HubIntegrationTest {

    @Test
    void aDeliveredComplaintShowsInTheCountersTheLatencyTimerAndTheLag() {
        HubClient hub = hub();
        String run = "m" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(hub.sendGeneric(Payloads.canonical("x", "post", run, null, "a" + run, "h" + run,
                "My order arrived broken, please help")).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.whereDid("x:" + run).statusCode() == 200);

        String metrics = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> hub.get("/actuator/prometheus").body(),
                        body -> body.contains("socialwire_consumer_lag{group=\"socialwire-dispatch-support\"}"));
        assertThat(metrics).containsPattern("socialwire_deliveries_total\\{channel=\"x\",department=\"support\","
                + "outcome=\"created\",target=\"servicenow\"} [1-9]")
                .containsPattern("socialwire_delivery_latency_seconds_count\\{channel=\"x\",department=\"support\","
                        + "target=\"servicenow\"} [1-9]")
                .containsPattern("socialwire_delivery_latency_seconds\\{channel=\"x\",department=\"support\","
                        + "target=\"servicenow\",quantile=\"0.99\"}")
                .containsPattern("socialwire_consumer_lag\\{group=\"socialwire-dispatch\"} \\d")
                .containsPattern("socialwire_dlq_size \\d");
    }
}
