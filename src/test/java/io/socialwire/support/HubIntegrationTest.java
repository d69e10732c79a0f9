package io.socialwire.support;

import io.socialwire.kafka.KafkaBootstrap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole hub on a free random port with a Kafka data folder of its own, configured through the environment
 * contract as a user would; subclasses talk to it over HTTP and read Kafka directly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
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
