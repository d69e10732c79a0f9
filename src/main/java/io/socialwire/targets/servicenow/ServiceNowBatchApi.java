package io.socialwire.targets.servicenow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.dispatch.DeadLetters;
import io.socialwire.pacing.TargetPacing;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.servicenow.ServiceNowException;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * ServiceNow's Batch API ({@code POST /api/now/v1/batch}, through camel-http): many Table API requests in one call,
 * each answered on its own, so one ServiceNow API call carries a whole lane batch. Authenticates as the record
 * sink's integration user (OAuth password grant when a client id is configured, else basic), honours
 * Retry-After, and turns a refused call into a {@link ServiceNowException}, as camel-servicenow would.
 */
@Component
public class ServiceNowBatchApi {

    /** One Table API request inside a batch: method, path under /api (e.g. /now/table/incident) and JSON body. */
    public record Request(String method, String path, Map<String, Object> body) {
    }

    /** Its answer: the HTTP status, the decoded JSON body, and the Retry-After header if any. */
    public record Response(int status, JsonNode body, String retryAfter) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public JsonNode result() {
            return body.path("result");
        }

        public ServiceNowException failure() {
            JsonNode error = body.path("error");
            return new ServiceNowException(status, "failure", error.path("message").asText("HTTP " + status),
                    error.path("detail").asText(""));
        }
    }

    private static final String KAMELET = "camel.kamelet.servicenow-record-sink.";
    private static final String TARGET = "servicenow";

    private final ProducerTemplate camel;
    private final ObjectMapper json;
    private final TargetPacing pacing;
    private final Clock clock;
    private final String apiUrl;
    private final String tokenUrl;
    private final String userName;
    private final String password;
    private final String clientId;
    private final String clientSecret;
    private String token;
    private Instant tokenExpires = Instant.EPOCH;

    public ServiceNowBatchApi(ProducerTemplate camel, ObjectMapper json, TargetPacing pacing, Clock clock,
                              Environment env) {
        this.camel = camel;
        this.json = json;
        this.pacing = pacing;
        this.clock = clock;
        this.apiUrl = env.getRequiredProperty(KAMELET + "apiUrl");
        this.tokenUrl = env.getProperty(KAMELET + "oauthTokenUrl", "");
        this.userName = env.getRequiredProperty(KAMELET + "userName");
        this.password = env.getRequiredProperty(KAMELET + "password");
        this.clientId = env.getProperty(KAMELET + "clientId", "");
        this.clientSecret = env.getProperty(KAMELET + "clientSecret", "");
    }

    /** Sends the requests in one call; the answers come back in the same order. */
    public List<Response> send(List<Request> requests) throws InterruptedException {
        pacing.await(TARGET);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Request r = requests.get(i);
            items.add(item(Integer.toString(i), r));
        }
        byte[] body = bytes(Map.of("batch_request_id", UUID.randomUUID().toString(), "rest_requests", items));
        Exchange answer = post(body, false);
        if (status(answer) == 401 && !clientId.isBlank()) {
            answer = post(body, true); // the token expired meanwhile
        }
        int status = status(answer);
        if (status != 200) {
            if (status == 429 || status == 503) {
                holdOff(answer.getMessage().getHeader("Retry-After", String.class),
                        answer.getMessage().getHeader("X-RateLimit-Reset", String.class));
            }
            JsonNode error = read(answer.getMessage().getBody(byte[].class)).path("error");
            throw refused(new ServiceNowException(status, "failure",
                    "Batch API: " + error.path("message").asText("HTTP " + status), error.path("detail").asText("")));
        }
        JsonNode result = read(answer.getMessage().getBody(byte[].class));
        Response[] responses = new Response[requests.size()];
        for (JsonNode served : result.path("serviced_requests")) {
            int index = Integer.parseInt(served.path("id").asText());
            byte[] decoded = served.hasNonNull("body") ? Base64.getDecoder().decode(served.path("body").asText())
                    : new byte[0];
            String retryAfter = null;
            for (JsonNode header : served.path("headers")) {
                if (header.path("name").asText().equalsIgnoreCase("Retry-After")) {
                    retryAfter = header.path("value").asText();
                }
            }
            responses[index] = new Response(served.path("status_code").asInt(), read(decoded), retryAfter);
        }
        List<Response> ordered = new ArrayList<>();
        for (Response r : responses) {
            // a request ServiceNow did not serve (a batch limit): try again later, like an outage
            ordered.add(r != null ? r : new Response(503, json.createObjectNode(), null));
        }
        return ordered;
    }

    private Map<String, Object> item(String id, Request r) {
        Map<String, Object> item = new java.util.LinkedHashMap<>();
        item.put("id", id);
        item.put("method", r.method());
        item.put("url", "/api" + r.path());
        item.put("headers", List.of(Map.of("name", "Content-Type", "value", "application/json"),
                Map.of("name", "Accept", "value", "application/json")));
        if (r.body() != null) {
            item.put("body", Base64.getEncoder().encodeToString(bytes(r.body())));
        }
        return item;
    }

    /** A request's Retry-After (a rate limit on it): no call to ServiceNow before then. */
    public void holdOff(Response response) {
        holdOff(response.retryAfter(), null);
    }

    private void holdOff(String retryAfter, String rateLimitReset) {
        Instant until = TargetPacing.retryAt(retryAfter, rateLimitReset, clock.instant());
        if (until != null) {
            pacing.holdOff(TARGET, until);
        }
    }

    private Exchange post(byte[] body, boolean renewToken) {
        String authorization = authorization(renewToken);
        return camel.request("http:" + apiUrl.replaceFirst("^https?:", "") + "/now/v1/batch"
                + "?throwExceptionOnFailure=false" + (apiUrl.startsWith("https") ? "&scheme=https" : ""), e -> {
            e.setProperty(DeadLetters.TARGET_PROPERTY, TARGET);
            e.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            e.getMessage().setHeader("Accept", "application/json");
            e.getMessage().setHeader("Authorization", authorization);
            e.getMessage().setBody(body);
        });
    }

    private synchronized String authorization(boolean renew) {
        if (clientId.isBlank()) {
            return "Basic " + Base64.getEncoder().encodeToString((userName + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        }
        if (renew || token == null || clock.instant().isAfter(tokenExpires)) {
            String form = "grant_type=password&client_id=" + encode(clientId) + "&client_secret="
                    + encode(clientSecret) + "&username=" + encode(userName) + "&password=" + encode(password);
            Exchange answer = camel.request("http:" + tokenUrl.replaceFirst("^https?:", "")
                    + "?throwExceptionOnFailure=false" + (tokenUrl.startsWith("https") ? "&scheme=https" : ""), e -> {
                e.setProperty(DeadLetters.TARGET_PROPERTY, TARGET);
                e.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
                e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
                e.getMessage().setBody(form);
            });
            if (status(answer) != 200) {
                throw refused(new ServiceNowException(status(answer), "failure", "OAuth token refused", ""));
            }
            JsonNode granted = read(answer.getMessage().getBody(byte[].class));
            token = granted.path("access_token").asText();
            tokenExpires = clock.instant().plusSeconds(Math.max(0, granted.path("expires_in").asLong(1800) - 60));
        }
        return "Bearer " + token;
    }

    /** The component's exception (its code tells the dead-letter choice what it was), unchecked. */
    private static IllegalStateException refused(ServiceNowException e) {
        return new IllegalStateException("ServiceNow " + e.getCode() + ": " + e.getMessage(), e);
    }

    private static int status(Exchange answer) {
        if (answer.getException() != null) {
            throw new IllegalStateException("ServiceNow could not be reached", answer.getException());
        }
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return status == null ? 0 : status;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(byte[] body) {
        try {
            return body == null || body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
