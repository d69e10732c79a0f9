package io.socialwire.targets.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.util.Map;

import io.socialwire.support.YamlRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/kamelets/salesforce-contact-task-sink.kamelet.yaml: every interaction asks the lane batch for a Task on its
 * author's Contact, keyed by the kamelet's external id field (the write itself is SalesforceWrites').
 */
class SalesforceContactTaskSinkRouteTest {

    private final SalesforceWrites writes = mock(SalesforceWrites.class);
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = YamlRoutes.context(Map.of());
        camel.getRegistry().bind("salesforceWrites", writes);
        YamlRoutes.useKamelets(camel);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:contact").to("kamelet:salesforce-contact-task-sink"
                        + "?routeId=salesforce-contact-task-sink&taskExternalIdField=Social_Task_Key__c");
                from("direct:contact-default").to("kamelet:salesforce-contact-task-sink");
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void asksForATaskOnTheContactKeyedByTheKameletsField() {
        Exchange done = camel.createProducerTemplate().send("direct:contact", e -> e.getMessage().setBody("x:1"));

        assertThat(done.getException()).isNull();
        assertThat(done.getProperty("target")).isEqualTo("salesforce-contact-task");
        verify(writes).contactTask(any(Exchange.class), eq("Social_Task_Key__c"));
    }

    @Test
    void theFieldDefaultsToSocialwireId() {
        camel.createProducerTemplate().send("direct:contact-default", e -> e.getMessage().setBody("x:1"));

        verify(writes).contactTask(any(Exchange.class), eq("Socialwire_Id__c"));
    }

    @Test
    void aFailedWriteGoesBackToTheCaller() {
        doThrow(new IllegalStateException("no lane batch")).when(writes).contactTask(any(), any());

        Exchange done = camel.createProducerTemplate().send("direct:contact", e -> e.getMessage().setBody("x:1"));

        assertThat(done.getException()).isInstanceOf(IllegalStateException.class).hasMessage("no lane batch");
    }
}
