package io.socialwire.targets.servicenow;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.dispatch.DeadLetters;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The Authorization header of the ServiceNow calls the routes make with camel-http, as the record sink's integration
 * user: OAuth (password grant, the token kept until shortly before it expires) when a client id is configured, else
 * basic. camel-http's own OAuth support knows only the client-credentials grant, which ServiceNow does not offer.
 */
@Component("serviceNowAuth")
public class ServiceNowAuth {

    private static final String KAMELET = "camel.kamelet.servicenow-record-sink.";

    private final ProducerTemplate camel;
    private final ObjectMapper json;
    private final Clock clock;
    private final String tokenUrl;
    private final String userName;
    private final String password;
    private final String clientId;
    private final String clientSecret;
    private String token;
    private Instant tokenExpires = Instant.EPOCH;

    ServiceNowAuth(ProducerTemplate camel, ObjectMapper json, Clock clock, Environment env) {
        this.camel = camel;
        this.json = json;
        this.clock = clock;
        this.tokenUrl = env.getProperty(KAMELET + "oauthTokenUrl", "");
        this.userName = env.getRequiredProperty(KAMELET + "userName");
        this.password = env.getRequiredProperty(KAMELET + "password");
        this.clientId = env.getProperty(KAMELET + "clientId", "");
        this.clientSecret = env.getProperty(KAMELET + "clientSecret", "");
    }

    /** The header value for the next call. */
    public String authorization() {
        return authorization(false);
    }

    /** After a 401 with OAuth: the token expired meanwhile, so a new one; null with basic (nothing to renew). */
    public String renewed() {
        return clientId.isBlank() ? null : authorization(true);
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
                e.setProperty(DeadLetters.TARGET_PROPERTY, ServiceNowBatch.SYSTEM);
                e.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
                e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
                e.getMessage().setBody(form);
            });
            if (answer.getException() != null) {
                throw new IllegalStateException("ServiceNow could not be reached for a token", answer.getException());
            }
            Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            if (status == null || status != 200) {
                throw new io.socialwire.sinks.http.TargetRefusedException(status == null ? 0 : status,
                        "ServiceNow " + status + ": OAuth token refused");
            }
            try {
                JsonNode granted = json.readTree(answer.getMessage().getBody(byte[].class));
                token = granted.path("access_token").asText();
                tokenExpires = clock.instant().plusSeconds(Math.max(0, granted.path("expires_in").asLong(1800) - 60));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("ServiceNow's token answer is not JSON", e);
            }
        }
        return "Bearer " + token;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
