package io.socialwire.targets.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.socialwire.conversation.Conversations;
import io.socialwire.model.Author;
import io.socialwire.model.SocialInteraction;
import io.socialwire.support.YamlRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/kamelets/servicenow-record-sink.kamelet.yaml: which write of the lane batch each conversation state asks
 * for (the writes themselves, and the Batch API call, are ServiceNowWrites' and ServiceNowBatchRouteTest's).
 */
class ServiceNowRecordSinkRouteTest {

    private final ServiceNowWrites writes = mock(ServiceNowWrites.class);
    private final Conversations conversations = mock(Conversations.class);
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = YamlRoutes.context(Map.of());
        camel.getRegistry().bind("serviceNowWrites", writes);
        camel.getRegistry().bind("conversations", conversations);
        YamlRoutes.useKamelets(camel);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:hr").to("kamelet:servicenow-record-sink?routeId=servicenow-hr&table=sn_hr_core_case"
                        + "&category=social&instanceName=test&apiUrl=http://servicenow.test&userName=hub"
                        + "&password=RAW(not-a-real-password)");
                from("direct:incident").to("kamelet:servicenow-record-sink?routeId=servicenow-incident"
                        + "&instanceName=test&apiUrl=http://servicenow.test&userName=hub"
                        + "&password=RAW(not-a-real-password)");
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aNewConversationAddsItsRecordToTheBatchInTheKameletsTableAndCategory() {
        Exchange done = send("direct:hr", Conversations.NEW);

        assertThat(done.getException()).isNull();
        assertThat(done.getProperty("target")).isEqualTo("servicenow-sn_hr_core_case");
        verify(writes).record(any(Exchange.class), eq("sn_hr_core_case"), eq("social"));
        verify(writes, never()).followUp(any(), any());
        verifyNoInteractions(conversations);
    }

    @Test
    void theTableAndCategoryDefaultToAnIncidentWithNoCategory() {
        Exchange done = send("direct:incident", Conversations.NEW);

        assertThat(done.getProperty("target")).isEqualTo("servicenow-incident");
        verify(writes).record(any(Exchange.class), eq("incident"), eq(""));
    }

    @Test
    void aFollowUpAddsAJournalEntryToTheBatch() {
        Exchange done = send("direct:hr", Conversations.FOLLOW_UP);

        assertThat(done.getException()).isNull();
        verify(writes).followUp(any(Exchange.class), eq("sn_hr_core_case"));
        verify(writes, never()).record(any(), anyString(), anyString());
    }

    @Test
    void aRedeliveredFirstInteractionWritesNothingAndIsRecordedAgain() {
        Exchange done = send("direct:hr", Conversations.RECORDED);

        assertThat(done.getException()).isNull();
        verify(conversations).recorded(any(Exchange.class));
        verifyNoInteractions(writes);
    }

    private Exchange send(String uri, String state) {
        SocialInteraction interaction = new SocialInteraction("x:1", "x", "post", "1", "x:1", null,
                "https://x.com/ana/status/1", Instant.parse("2026-12-03T10:00:00Z"), "my manager", "en",
                new Author("9", "ana", "Ana Lopez", null, 1200L, null), List.of(), null, null);
        return camel.createProducerTemplate().send(uri, e -> {
            e.setProperty(Conversations.INTERACTION, interaction);
            e.getMessage().setBody(interaction);
            e.getMessage().setHeader(Conversations.STATE_HEADER, state);
        });
    }
}
