package io.socialwire.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.channels.generic.StandardWebhookVerifier;
import io.socialwire.channels.meta.MetaSignatureVerifier;

/**
 * What a user's script does against a running hub: signs and sends webhooks, and reads records back through the
 * emulators' real APIs (ServiceNow Table API, Salesforce OAuth and SOQL), over real HTTP.
 */
public final class HubClient {

    public static final String META_SECRET = "it-meta-secret";
    public static final String META_VERIFY_TOKEN = "it-verify-token";
    public static final String GENERIC_SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString("it-generic-webhook-secret-bytes".getBytes(StandardCharsets.UTF_8));
    public static final String X_SECRET = "it-x-consumer-secret";
    public static final String LINKEDIN_SECRET = "it-linkedin-client-secret";
    public static final String MARKETING_SECRET = "it-marketing-secret";
    public static final String API_TOKEN = "it-api-token";
    public static final String USER = "it-user";
    public static final String PASSWORD = "it-password";
    public static final String CLIENT_ID = "it-client";
    public static final String CLIENT_SECRET = "it-client-secret";
    /** A person answering in the systems of record (the emulators' second user). */
    public static final String AGENT = "it-agent";
    public static final String AGENT_PASSWORD = "it-agent-password";
    public static final String X_BEARER = "local-x-bearer-token-it";

    /** The environment contract, as a user sets it. */
    public static final Map<String, String> PROPERTIES = Map.ofEntries(
            Map.entry("META_APP_SECRET", META_SECRET),
            Map.entry("META_VERIFY_TOKEN", META_VERIFY_TOKEN),
            Map.entry("GENERIC_WEBHOOK_SECRET", GENERIC_SECRET),
            Map.entry("X_CONSUMER_SECRET", X_SECRET),
            Map.entry("LINKEDIN_CLIENT_SECRET", LINKEDIN_SECRET),
            Map.entry("X_BEARER_TOKEN", X_BEARER),
            Map.entry("EMULATOR_AGENT_USERNAME", AGENT),
            Map.entry("EMULATOR_AGENT_PASSWORD", AGENT_PASSWORD),
            Map.entry("EMULATOR_USERNAME", USER),
            Map.entry("EMULATOR_PASSWORD", PASSWORD),
            Map.entry("EMULATOR_CLIENT_ID", CLIENT_ID),
            Map.entry("EMULATOR_CLIENT_SECRET", CLIENT_SECRET),
            Map.entry("MARKETING_WEBHOOK_SECRET", MARKETING_SECRET),
            Map.entry("SOCIALWIRE_API_TOKEN", API_TOKEN));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String emulators;

    public HubClient(int port) {
        this(port, port);
    }

    /** A hub whose emulators run in another process (so they outlive the hub's restarts). */
    public HubClient(int hubPort, int emulatorPort) {
        this.base = "http://localhost:" + hubPort;
        this.emulators = "http://localhost:" + emulatorPort;
    }

    public HttpResponse<String> sendMeta(byte[] body) {
        return sendMeta(body, metaSignature(body));
    }

    public static String metaSignature(byte[] body) {
        return new MetaSignatureVerifier(META_SECRET).sign(body);
    }

    public HttpResponse<String> sendMeta(byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/webhooks/meta"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return send(request.build());
    }

    /** POST a signed delivery to /webhooks/{channel} with the signature header the platform uses. */
    public HttpResponse<String> sendSigned(String channel, byte[] body, String header, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/webhooks/" + channel))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(header, signature);
        }
        return send(request.build());
    }

    /** GET on the hub; /api/** calls carry the API token, as an operator's would. */
    public HttpResponse<String> get(String pathAndQuery) {
        return send(api(HttpRequest.newBuilder(URI.create(base + pathAndQuery)), pathAndQuery).GET().build());
    }

    /** The same without credentials, or with the given Authorization header. */
    public HttpResponse<String> getAs(String authorization, String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private static HttpRequest.Builder api(HttpRequest.Builder request, String path) {
        return path.startsWith("/api/") ? request.header("Authorization", "Bearer " + API_TOKEN) : request;
    }

    public HttpResponse<String> verifyMetaSubscription(String token, String challenge) {
        return send(HttpRequest.newBuilder(URI.create(base + "/webhooks/meta?hub.mode=subscribe&hub.verify_token="
                + encode(token) + "&hub.challenge=" + encode(challenge))).GET().build());
    }

    public HttpResponse<String> sendGeneric(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long now = Clock.systemUTC().instant().getEpochSecond();
        String id = "msg_" + System.nanoTime();
        String signature = new StandardWebhookVerifier(GENERIC_SECRET, Duration.ofMinutes(5), Clock.systemUTC())
                .sign(id, now, bytes);
        return send(HttpRequest.newBuilder(URI.create(base + "/webhooks/generic"))
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(now))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    /** GET /api/now/table/{table}?sysparm_query=..., as a ServiceNow user with basic auth. */
    public List<JsonNode> serviceNowTable(String table, String query) {
        String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(emulators
                        + "/emulators/servicenow/api/now/table/" + table + "?sysparm_query=" + encode(query)))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json").GET().build());
        return records(response, "result");
    }

    /** GET /services/data/v56.0/query?q=..., after an OAuth password login, as a Salesforce integration would. */
    public List<JsonNode> soql(String query) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(emulators
                        + "/emulators/salesforce/services/data/v56.0/query?q=" + encode(query)))
                .header("Authorization", "Bearer " + salesforceToken()).GET().build());
        return records(response, "records");
    }

    private String salesforceToken() {
        return salesforceToken(USER, PASSWORD);
    }

    private String salesforceToken(String user, String password) {
        String form = "grant_type=password&client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET
                + "&username=" + encode(user) + "&password=" + encode(password);
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(emulators
                        + "/emulators/salesforce/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        return read(login).path("access_token").asText();
    }

    /** POST /services/data/v56.0/sobjects/{type}: what a Salesforce user does when they create a record by hand. */
    public String createSObject(String type, String json) {
        return createSObject(salesforceToken(), type, json);
    }

    /** The same as the agent (the emulator's second user): the record's CreatedById is the agent's. */
    public String agentCreateSObject(String type, String json) {
        return createSObject(salesforceToken(AGENT, AGENT_PASSWORD), type, json);
    }

    private String createSObject(String token, String type, String json) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(emulators
                        + "/emulators/salesforce/services/data/v56.0/sobjects/" + type))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return read(response).path("id").asText();
    }

    /** A call to the Jira emulator's REST API v3 as the integration account (basic auth), e.g. POST /search/jql. */
    public JsonNode jira(String method, String path, String json) {
        return jiraAs(USER, PASSWORD, method, path, json);
    }

    /** A call to the Jira emulator as the product team's agent (EMULATOR_AGENT_USERNAME), e.g. a comment. */
    public JsonNode jiraAgent(String method, String path, String json) {
        return jiraAs(AGENT, AGENT_PASSWORD, method, path, json);
    }

    private JsonNode jiraAs(String user, String password, String method, String path, String json) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(emulators
                        + "/emulators/jira/rest/api/3" + path))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("Jira answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return read(response);
    }

    /** The Jira issues a JQL search finds, each with its summary, labels and description. */
    public List<JsonNode> jiraIssues(String jql) {
        List<JsonNode> issues = new ArrayList<>();
        jira("POST", "/search/jql", "{\"jql\":" + quote(jql) + ",\"fields\":[\"summary\",\"labels\",\"description\","
                + "\"issuetype\",\"project\"],\"maxResults\":50}").path("issues").forEach(issues::add);
        return issues;
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A GET of the Zendesk emulator's Support API v2 as the integration agent ({email}/token:{token}). */
    public JsonNode zendesk(String pathAndQuery) {
        String basic = Base64.getEncoder().encodeToString((USER + "/token:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(emulators
                        + "/emulators/zendesk/api/v2" + pathAndQuery))
                .header("Authorization", "Basic " + basic).GET().build());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("Zendesk answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return read(response);
    }

    /**
     * A comment on a Zendesk ticket (PUT /tickets/{id}.json with {@code ticket.comment}), written as the agent (the
     * emulator's second user) or, {@code asAgent} false, as the hub's integration user.
     */
    public JsonNode zendeskComment(String ticketId, String body, boolean isPublic, boolean asAgent) {
        String basic = Base64.getEncoder().encodeToString(((asAgent ? AGENT : USER) + "/token:"
                + (asAgent ? AGENT_PASSWORD : PASSWORD)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(emulators
                        + "/emulators/zendesk/api/v2/tickets/" + ticketId + ".json"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"ticket\":{\"comment\":{\"body\":" + quote(body)
                        + ",\"public\":" + isPublic + "}}}")).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Zendesk answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return read(response).path("ticket");
    }

    /** An agent's edit of a ServiceNow record (PATCH /api/now/table/{table}/{sys_id}), e.g. a public comment. */
    public JsonNode serviceNowAgentUpdate(String table, String sysId, String json) {
        String basic = Base64.getEncoder().encodeToString((AGENT + ":" + AGENT_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(emulators
                        + "/emulators/servicenow/api/now/table/" + table + "/" + sysId))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ServiceNow answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return read(response).path("result");
    }

    /** A call to the Meta Graph emulator with the Page's token (its test hooks under /emulators/meta/_...). */
    public JsonNode meta(String method, String path, String json) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(emulators + "/emulators/meta" + path))
                .header("Authorization", "Bearer local-meta-page-token").header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("Meta answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : read(response);
    }

    /** A GET of the LinkedIn emulator's Community Management API with the organization admin's token. */
    public JsonNode linkedIn(String path) {
        return read(send(HttpRequest.newBuilder(URI.create(emulators + "/emulators/linkedin" + path))
                .header("Authorization", "Bearer local-linkedin-token").header("LinkedIn-Version", "202411")
                .GET().build()));
    }

    /** An event on the Bluesky emulator's Jetstream (and seen by its PDS); the event as stored, with its time_us. */
    public JsonNode blueskyEvent(String json) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(emulators + "/emulators/bluesky/events"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return read(response);
    }

    /** A public GET of the Bluesky emulator's PDS, e.g. /xrpc/com.atproto.repo.listRecords?repo=... */
    public JsonNode bluesky(String pathAndQuery) {
        return read(send(HttpRequest.newBuilder(URI.create(emulators + "/emulators/bluesky" + pathAndQuery)).GET()
                .build()));
    }

    /** A GET of the X emulator's API v2 with the app's bearer token. */
    public JsonNode x(String pathAndQuery) {
        return read(send(HttpRequest.newBuilder(URI.create(emulators + "/emulators/x" + pathAndQuery))
                .header("Authorization", "Bearer " + X_BEARER).GET().build()));
    }

    /** The X account the hub answers as (the emulator's brand, @acme). */
    public String xBrandId() {
        return x("/2/users/by/username/acme").path("data").path("id").asText();
    }

    /** The brand's replies on X to a post, oldest first. */
    public List<JsonNode> xBrandRepliesTo(String tweet) {
        List<JsonNode> replies = new ArrayList<>();
        // the emulator's search ignores operators: every recent post, newest first
        x("/2/tweets/search/recent?max_results=100&query=conversation_id:" + tweet).path("data").forEach(replies::add);
        String brand = xBrandId();
        return replies.stream().filter(t -> t.path("author_id").asText().equals(brand))
                .filter(t -> t.path("referenced_tweets").path(0).path("id").asText().equals(tweet))
                .sorted(java.util.Comparator.comparing(t -> t.path("id").asText())).toList();
    }

    /** The journal entries (comments, work notes) of a ServiceNow record, oldest first. */
    public List<JsonNode> journal(String sysId) {
        return serviceNowTable("sys_journal_field", "element_id=" + sysId + "^ORDERBYsys_created_on");
    }

    /** What the emulator's HTTP receiver got at /emulators/receiver/{name}, oldest first. */
    public List<JsonNode> received(String name) {
        List<JsonNode> deliveries = new ArrayList<>();
        read(send(HttpRequest.newBuilder(URI.create(emulators + "/emulators/receiver/" + name)).GET().build()))
                .forEach(deliveries::add);
        return deliveries;
    }

    public HttpResponse<String> post(String path, String json) {
        return send(api(HttpRequest.newBuilder(URI.create(base + path)), path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** GET /api/interactions/{id}: where the hub says an interaction went. */

    public HttpResponse<String> whereDid(String interactionId) {
        return get("/api/interactions/" + encode(interactionId));
    }

    private static List<JsonNode> records(HttpResponse<String> response, String field) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        JsonNode list = read(response).path(field);
        List<JsonNode> result = new java.util.ArrayList<>();
        list.forEach(result::add);
        return result;
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
