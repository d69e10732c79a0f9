package io.socialwire.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.zendesk.ZendeskComponent;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.zendesk.client.v2.ZendeskResponseException;
import org.zendesk.client.v2.ZendeskResponseRateLimitException;
import org.zendesk.client.v2.model.Comment;
import org.zendesk.client.v2.model.Priority;
import org.zendesk.client.v2.model.Ticket;
import org.zendesk.client.v2.model.Type;

/**
 * camel-zendesk (zendesk-java-client underneath) against the Zendesk emulator, from YAML routes written as a
 * target's routes would be: a ticket built from a JSON string, a comment added by ticket id, an update, tickets
 * found again by external id, and Zendesk's refusals as the component reports them.
 */
class ZendeskCamelComponentIT extends HubIntegrationTest {

    /**
     * The URIs name the API, {@code DEFAULT/}: camel-zendesk 4.17 converts the missing API name "" to its enum
     * through Camel's enum converter, which knows only the constant's name, so {@code zendesk:createTicket} does
     * not resolve (see {@link #theUriWithoutTheApiNameDoesNotResolve}).
     */
    private static final String ROUTES = """
            - route:
                id: zendesk-check-create-ticket
                from:
                  uri: direct:zendesk-check-create-ticket
                  steps:
                    - unmarshal:
                        json:
                          library: Jackson
                          unmarshalType: org.zendesk.client.v2.model.Ticket
                          # its own mapper: the registry's (Spring's) would ignore these features
                          useDefaultObjectMapper: false
                          # enums by their lower-case names ("priority":"high"); a comment without "type":"Comment"
                          enableFeatures: READ_ENUMS_USING_TO_STRING,USE_BASE_TYPE_AS_DEFAULT_IMPL
                          disableFeatures: FAIL_ON_UNKNOWN_PROPERTIES
                    - to:
                        uri: zendesk:DEFAULT/createTicket
                        parameters:
                          serverUrl: "http://localhost:{{local.server.port}}/emulators/zendesk"
                          username: "{{socialwire.emulators.username}}"
                          token: "{{socialwire.emulators.password}}"
                          inBody: ticket
            - route:
                id: zendesk-check-add-comment
                from:
                  uri: direct:zendesk-check-add-comment
                  steps:
                    - unmarshal:
                        json:
                          library: Jackson
                          unmarshalType: org.zendesk.client.v2.model.Comment
                          useDefaultObjectMapper: false
                          enableFeatures: USE_BASE_TYPE_AS_DEFAULT_IMPL
                          disableFeatures: FAIL_ON_UNKNOWN_PROPERTIES
                    - setHeader:
                        name: CamelZendesk.ticketId
                        simple: "${variable.ticketId}"
                    - to:
                        uri: zendesk:DEFAULT/createComment
                        parameters:
                          serverUrl: "http://localhost:{{local.server.port}}/emulators/zendesk"
                          username: "{{socialwire.emulators.username}}"
                          password: "{{socialwire.emulators.password}}"
                          inBody: comment
            - route:
                id: zendesk-check-update-ticket
                from:
                  uri: direct:zendesk-check-update-ticket
                  steps:
                    - unmarshal:
                        json:
                          library: Jackson
                          unmarshalType: org.zendesk.client.v2.model.Ticket
                          useDefaultObjectMapper: false
                          # enums by their lower-case names ("priority":"high"); a comment without "type":"Comment"
                          enableFeatures: READ_ENUMS_USING_TO_STRING,USE_BASE_TYPE_AS_DEFAULT_IMPL
                          disableFeatures: FAIL_ON_UNKNOWN_PROPERTIES
                    - to:
                        uri: zendesk:DEFAULT/updateTicket
                        parameters:
                          serverUrl: "http://localhost:{{local.server.port}}/emulators/zendesk"
                          username: "{{socialwire.emulators.username}}"
                          token: "{{socialwire.emulators.password}}"
                          inBody: ticket
            - route:
                id: zendesk-check-find-by-external-id
                from:
                  uri: direct:zendesk-check-find-by-external-id
                  steps:
                    - setHeader:
                        name: CamelZendesk.externalId
                        simple: "${body}"
                    - to:
                        uri: zendesk:DEFAULT/getTicketsByExternalId
                        parameters:
                          serverUrl: "http://localhost:{{local.server.port}}/emulators/zendesk"
                          username: "{{socialwire.emulators.username}}"
                          token: "{{socialwire.emulators.password}}"
                    - convertBodyTo:
                        type: java.util.List
            - route:
                id: zendesk-check-comments
                from:
                  uri: direct:zendesk-check-comments
                  steps:
                    - setHeader:
                        name: CamelZendesk.id
                        simple: "${body}"
                    - to:
                        uri: zendesk:DEFAULT/getTicketComments
                        parameters:
                          serverUrl: "http://localhost:{{local.server.port}}/emulators/zendesk"
                          username: "{{socialwire.emulators.username}}"
                          token: "{{socialwire.emulators.password}}"
                    - convertBodyTo:
                        type: java.util.List
            """;

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate camel;

    @Autowired
    EmulatorFaults faults;

    @Test
    void createsATicketFromJsonAddsACommentByTicketIdAndFindsItByExternalId() throws Exception {
        loadRoutes();
        String conversation = "x:" + UUID.randomUUID();

        Ticket created = camel.requestBody("direct:zendesk-check-create-ticket", """
                {"subject":"Where is my order?","comment":{"body":"My order is late","public":true},
                 "requester":{"name":"Ana Example","email":"ana.camel@example.com"},"external_id":"%s",
                 "tags":["channel_x","support"],"priority":"high","type":"question","not_a_ticket_field":1}"""
                .formatted(conversation), Ticket.class);
        Ticket commented = (Ticket) comment(created.getId(), "{\"body\":\"Any news?\",\"public\":true}");
        Ticket pending = camel.requestBody("direct:zendesk-check-update-ticket",
                "{\"id\":" + created.getId() + ",\"status\":\"pending\",\"tags\":[\"channel_x\",\"support\","
                        + "\"answered\"]}", Ticket.class);
        List<?> found = camel.requestBody("direct:zendesk-check-find-by-external-id", conversation, List.class);
        List<?> comments = camel.requestBody("direct:zendesk-check-comments", created.getId(), List.class);

        assertThat(created.getId()).isPositive();
        assertThat(created.getExternalId()).isEqualTo(conversation);
        assertThat(created.getPriority()).isEqualTo(Priority.HIGH);
        assertThat(created.getType()).isEqualTo(Type.QUESTION);
        assertThat(created.getTags()).containsExactly("channel_x", "support");
        assertThat(created.getDescription()).isEqualTo("My order is late");
        assertThat(commented.getId()).isEqualTo(created.getId());
        assertThat(commented.getStatus()).hasToString("open");
        assertThat(pending.getStatus()).hasToString("pending");
        assertThat(pending.getTags()).containsExactly("channel_x", "support", "answered");
        assertThat(pending.getSubject()).isEqualTo("Where is my order?");
        assertThat(found).singleElement().isInstanceOfSatisfying(Ticket.class,
                t -> assertThat(t.getId()).isEqualTo(created.getId()));
        assertThat(comments).extracting(c -> ((Comment) c).getBody()).containsExactly("My order is late", "Any news?");
    }

    @Test
    void refusalsArriveAsZendeskResponseExceptionsWithStatusBodyAndRetryAfter() {
        loadRoutes();
        faults.add(new EmulatorFaults.Fault("POST", "/emulators/zendesk/api/v2/tickets.json",
                EmulatorFaults.Kind.STATUS, 429, 7, 0, new AtomicInteger(1)));

        assertThatThrownBy(() -> camel.requestBody("direct:zendesk-check-create-ticket",
                "{\"subject\":\"rate limited\",\"comment\":{\"body\":\"x\"}}"))
                .isInstanceOf(CamelExecutionException.class)
                .satisfies(e -> assertThat(cause(e, ZendeskResponseRateLimitException.class)).satisfies(limit -> {
                    assertThat(limit.getStatusCode()).isEqualTo(429);
                    assertThat(limit.getRetryAfter()).isEqualTo(7L);
                }));
        assertThatThrownBy(() -> camel.requestBody("direct:zendesk-check-create-ticket",
                "{\"subject\":\"no description\"}"))
                .satisfies(e -> {
                    ZendeskResponseException refused = cause(e, ZendeskResponseException.class);
                    assertThat(refused.getStatusCode()).isEqualTo(422);
                    assertThat(refused.getBody()).isEqualTo("{\"error\":\"RecordInvalid\",\"description\":"
                            + "\"Record validation errors\",\"details\":{\"base\":[{\"description\":"
                            + "\"Description: cannot be blank\",\"error\":\"BlankValue\"}]}}");
                    // the component's wrapping message names the call's arguments: the ticket, personal data included
                    assertThat(e.getCause().getMessage()).contains("no description");
                });
    }

    @Test
    void aCommentOnATicketThatIsGoneAnswersNullNotAnError() {
        loadRoutes();

        assertThat(comment(987_654_321L, "{\"body\":\"lost\"}")).isNull();
    }

    /**
     * Connection settings set once on the component (as {@code camel.component.zendesk.*} would) reach the endpoints
     * except the API token: camel-zendesk 4.17 copies server URL, username, password and OAuth token, not
     * {@code token}. Zendesk's token login is basic auth as {@code <email>/token:<token>}, so username
     * {@code <email>/token} with the token as password works from the component.
     */
    @Test
    void aComponentTakesTheApiTokenAsPasswordOfTheTokenUser() {
        loadRoutes();
        Ticket created = camel.requestBody("direct:zendesk-check-create-ticket",
                "{\"subject\":\"component settings\",\"comment\":{\"body\":\"x\"}}", Ticket.class);
        ZendeskComponent tokenAsPassword = new ZendeskComponent();
        tokenAsPassword.setServerUrl("http://localhost:" + port + "/emulators/zendesk");
        tokenAsPassword.setUsername(HubClient.USER + "/token");
        tokenAsPassword.setPassword(HubClient.PASSWORD);
        ZendeskComponent tokenOption = new ZendeskComponent();
        tokenOption.setServerUrl("http://localhost:" + port + "/emulators/zendesk");
        tokenOption.setUsername(HubClient.USER);
        tokenOption.setToken(HubClient.PASSWORD);
        if (camelContext.hasComponent("zendesk-token-as-password") == null) {
            camelContext.addComponent("zendesk-token-as-password", tokenAsPassword);
            camelContext.addComponent("zendesk-token-option", tokenOption);
        }

        Ticket read = camel.requestBodyAndHeader("zendesk-token-as-password:DEFAULT/getTicket", null,
                "CamelZendesk.id", created.getId(), Ticket.class);

        assertThat(read.getSubject()).isEqualTo("component settings");
        assertThatThrownBy(() -> camel.requestBodyAndHeader("zendesk-token-option:DEFAULT/getTicket", null,
                "CamelZendesk.id", created.getId()))
                .satisfies(e -> assertThat(cause(e, ZendeskResponseException.class).getStatusCode()).isEqualTo(401));
    }

    @Test
    void theUriWithoutTheApiNameDoesNotResolve() {
        assertThatThrownBy(() -> camelContext.getEndpoint("zendesk:createTicket?serverUrl=http://localhost:" + port
                + "/emulators/zendesk"))
                .hasStackTraceContaining("ZendeskApiName does not have any constant with value: ");
        assertThat(camelContext.getEndpoint("zendesk:DEFAULT/getTicket?serverUrl=http://localhost:" + port
                + "/emulators/zendesk")).isNotNull();
    }

    /** The answer of the comment route for a ticket id, after checking the call raised nothing. */
    private Object comment(long ticketId, String json) {
        Exchange answer = camel.request("direct:zendesk-check-add-comment", e -> {
            e.setVariable("ticketId", ticketId);
            e.getMessage().setBody(json);
        });
        assertThat(answer.getException()).isNull();
        return answer.getMessage().getBody();
    }

    private synchronized void loadRoutes() {
        if (camelContext.getRoute("zendesk-check-create-ticket") != null) {
            return;
        }
        try {
            PluginHelper.getRoutesLoader(camelContext)
                    .loadRoutes(ResourceHelper.fromString("zendesk-check.camel.yaml", ROUTES));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T extends Throwable> T cause(Throwable thrown, Class<T> type) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + chain);
    }
}
