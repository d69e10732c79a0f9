package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.socialwire.tryit.EmbeddedKraftBroker;
import io.socialwire.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * When Kafka cannot take a delivery, the sender is not told it was accepted: it gets 503 and retries later, and the
 * admin sees Kafka's reason in the log.
 */
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
    "camel.component.kafka.max-block-ms=2000",
    "camel.component.kafka.request-timeout-ms=2000",
    "camel.component.kafka.delivery-timeout-ms=3000"})
class KafkaDownIT extends HubIntegrationTest {

    @Autowired
    EmbeddedKraftBroker broker;

    @Test
    void aDeliveryKafkaDidNotAcknowledgeIsAnswered503CountedAndLoggedWithKafkasReason(CapturedOutput output) {
        broker.stop();

        HttpResponse<String> response = hub().sendMeta(Fixtures.bytes("fixtures/meta/page-feed-comment.json"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"error\":\"interactions could not be stored; retry later\"}");
        assertThat(hub().get("/actuator/prometheus").body())
                .contains("socialwire_webhook_rejected_total{channel=\"meta\",reason=\"kafka_unavailable\"} 1.0");
        assertThat(output.getOut()).containsPattern(
                "Kafka did not acknowledge a meta webhook delivery \\(answered 503\\): org\\.apache\\.kafka\\.\\S+: \\S");
    }
}
