package io.socialwire.support;

import io.socialwire.kafka.KafkaBootstrap;
import io.socialwire.tryit.TryItApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole hub on a free random port with a Kafka data folder of its own, configured through the environment
 * contract as a user would; subclasses talk to it over HTTP and read Kafka directly. It runs as the try-it jar does:
 * embedded Kafka, the emulators in process and their local defaults.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(TryItApplication.PROFILE)
public abstract class HubIntegrationTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HubTestSupport.register(registry);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected KafkaBootstrap kafka;

    protected HubClient hub() {
        return new HubClient(port);
    }

    protected TopicProbe topics() {
        return new TopicProbe(kafka.servers());
    }
}
