package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.socialwire.tryit.EmbeddedKraftBroker;
import io.socialwire.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** When Kafka cannot take a delivery, the sender is not told it was accepted: it gets 503 and retries later. */
@DirtiesContext
@TestPropertySource(properties = {
    "camel.component.kafka.max-block-ms=2000",
    "camel.component.kafka.request-timeout-ms=2000",
    "camel.component.kafka.delivery-timeout-ms=3000"})
class KafkaDownIT extends HubIntegrationTest {

    @Autowired
    EmbeddedKraftBroker broker;

    @Test
    void aDeliveryKafkaDidNotAcknowledgeIsAnswered503() {
        broker.stop();

        HttpResponse<String> response = hub().sendMeta(Fixtures.bytes("fixtures/meta/page-feed-comment.json"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"error\":\"interactions could not be stored; retry later\"}");
    }
}
