package io.socialwire.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.emulator.salesforce.SalesforceEmulator;
import io.socialwire.emulator.servicenow.ServiceNowEmulator;
import io.socialwire.support.HubIntegrationTest;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.servicenow.ServiceNowException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The emulators as the real components and a person with curl see them: OAuth grants, session expiry and
 * re-login, error shapes, SOQL, sObject collections, encoded queries and Link pagination.
 */
class EmulatorIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ProducerTemplate camel;

    @Autowired
    SalesforceEmulator salesforce;

    @Autowired
    ServiceNowEmulator serviceNow;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void salesforceGrantsPasswordClientCredentialsJwtAndRefreshTokens() throws Exception {
        JsonNode password = token("grant_type=password&client_id=it-client&client_secret=it-client-secret"
                + "&username=it-user&password=it-password");
        JsonNode clientCredentials = token("grant_type=client_credentials&client_id=it-client"
                + "&client_secret=it-client-secret");
        JsonNode jwt = token("grant_type=" + encode("urn:ietf:params:oauth:grant-type:jwt-bearer")
                + "&assertion=" + jwt("it-client", "it-user", Instant.now().getEpochSecond() + 270));
        JsonNode refreshed = token("grant_type=refresh_token&client_id=it-client&refresh_token="
                + jwt.path("refresh_token").asText());

        for (JsonNode login : List.of(password, clientCredentials, jwt, refreshed)) {
            assertThat(login.path("access_token").asText()).isNotBlank();
            assertThat(login.path("token_type").asText()).isEqualTo("Bearer");
            assertThat(login.path("instance_url").asText()).isEqualTo(base() + "/emulators/salesforce");
            assertThat(login.path("id").asText()).matches(".*/id/\\w{18}/\\w{18}");
        }
    }

    @Test
    void salesforceRefusesBadLoginsWithExactlyErrorAndDescription() throws Exception {
        HttpResponse<String> wrongPassword = post("/emulators/salesforce/services/oauth2/token",
                "grant_type=password&client_id=it-client&client_secret=it-client-secret&username=it-user&password=x");
        HttpResponse<String> expiredJwt = post("/emulators/salesforce/services/oauth2/token", "grant_type="
                + encode("urn:ietf:params:oauth:grant-type:jwt-bearer") + "&assertion="
                + jwt("it-client", "it-user", Instant.now().getEpochSecond() - 1));

        assertThat(wrongPassword.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrongPassword.body())).isEqualTo(JSON.readTree(
                "{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}"));
        assertThat(expiredJwt.statusCode()).isEqualTo(400);
    }

    @Test
    void camelSalesforceLogsInAgainWhenTheSessionExpires() {
        upsertLead("relogin-1", "{\"LastName\":\"Before\",\"Company\":\"Acme\"}");
        salesforce.expireSessions();

        upsertLead("relogin-2", "{\"LastName\":\"After\",\"Company\":\"Acme\"}");

        assertThat(hub().soql("SELECT LastName FROM Lead WHERE Socialwire_Id__c = 'relogin-2'"))
                .extracting(r -> r.path("LastName").asText()).containsExactly("After");
    }

    @Test
    void camelSalesforceUpsertUpdatesTheSameRecordAndSeesValidationErrors() {
        upsertLead("upsert-1", "{\"LastName\":\"First\",\"Company\":\"Acme\"}");
        upsertLead("upsert-1", "{\"LastName\":\"Second\",\"Company\":\"Acme\"}");

        assertThat(hub().soql("SELECT LastName, Name FROM Lead WHERE Socialwire_Id__c = 'upsert-1'"))
                .singleElement().satisfies(r -> assertThat(r.path("Name").asText()).isEqualTo("Second"));
        assertThatThrownBy(() -> upsertLead("upsert-2", "{\"LastName\":\"NoCompany\"}"))
                .isInstanceOf(CamelExecutionException.class).cause()
                .isInstanceOfSatisfying(SalesforceException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getErrors()).singleElement().satisfies(err -> {
                        assertThat(err.getErrorCode()).isEqualTo("REQUIRED_FIELD_MISSING");
                        assertThat(err.getFields()).containsExactly("Company");
                    });
                });
        assertThatThrownBy(() -> upsertLead("upsert-3", "{\"LastName\":\"X\",\"Company\":\"Y\",\"Nope__c\":1}"))
                .cause().isInstanceOfSatisfying(SalesforceException.class,
                        e -> assertThat(e.getErrors().get(0).getErrorCode()).isEqualTo("INVALID_FIELD"));
    }

    @Test
    void camelSalesforceCreatesCollectionsAllOrNone() {
        List<Map<String, Object>> records = List.of(
                Map.of("attributes", Map.of("type", "Contact"), "LastName", "Kept"),
                Map.of("attributes", Map.of("type", "Contact"), "FirstName", "Missing last name"));

        List<?> partial = camel.requestBody("salesforce:compositeCreateSObjectCollections", records, List.class);
        List<?> atomic = camel.requestBodyAndHeader("salesforce:compositeCreateSObjectCollections", records,
                "allOrNone", true, List.class);

        assertThat(partial).hasSize(2);
        assertThat(atomic).hasSize(2);
        List<JsonNode> kept = hub().soql("SELECT Id FROM Contact WHERE LastName = 'Kept'");
        assertThat(kept).hasSize(1);
        assertThat(JSON.valueToTree(atomic).get(0).path("errors").get(0).path("errorCode").asText())
                .isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
        assertThat(JSON.valueToTree(atomic).get(1).path("errors").get(0).path("errorCode").asText())
                .isEqualTo("REQUIRED_FIELD_MISSING");
    }

    @Test
    void salesforceAnswersSoqlErrorsInItsOwnShape() throws Exception {
        String token = token("grant_type=client_credentials&client_id=it-client&client_secret=it-client-secret")
                .path("access_token").asText();

        HttpResponse<String> badField = get("/emulators/salesforce/services/data/v56.0/query?q="
                + encode("SELECT Nope FROM Lead"), "Bearer " + token);
        HttpResponse<String> malformed = get("/emulators/salesforce/services/data/v56.0/query?q="
                + encode("SELEC Id FROM Lead"), "Bearer " + token);
        HttpResponse<String> noSession = get("/emulators/salesforce/services/data/v56.0/query?q="
                + encode("SELECT Id FROM Lead"), "Bearer expired");

        assertThat(badField.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badField.body()).get(0).path("errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(JSON.readTree(malformed.body()).get(0).path("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
        assertThat(noSession.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(noSession.body()).get(0).path("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
    }

    @Test
    void serviceNowFiltersByEncodedQueryAndPagesWithLinks() throws Exception {
        for (String name : List.of("alpha printer", "beta printer", "gamma laptop")) {
            serviceNow("create", null, Map.of("short_description", name, "category", "hardware"));
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString("it-user:it-password".getBytes());

        HttpResponse<String> page = get("/emulators/servicenow/api/now/table/incident?sysparm_query="
                + encode("category=hardware^short_descriptionLIKEprinter^ORDERBYDESCshort_description")
                + "&sysparm_limit=1&sysparm_fields=short_description", basic);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(page.body()).path("result")).singleElement()
                .satisfies(r -> assertThat(r).isEqualTo(JSON.readTree("{\"short_description\":\"beta printer\"}")));
        assertThat(page.headers().firstValue("X-Total-Count")).hasValue("2");
        assertThat(page.headers().firstValue("Link").orElseThrow())
                .contains("sysparm_limit=1&sysparm_offset=1>;rel=\"next\"")
                .contains("sysparm_limit=1&sysparm_offset=1>;rel=\"last\"");
    }

    @Test
    void serviceNowAnswersErrorsInItsOwnShapeThroughCamel() throws Exception {
        HttpResponse<String> unauthenticated = get("/emulators/servicenow/api/now/table/incident", "Basic eDp5");

        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(unauthenticated.body()).path("error").path("message").asText())
                .isEqualTo("User Not Authenticated");
        assertThatThrownBy(() -> serviceNow("retrieve", "0123456789abcdef0123456789abcdef", null)).cause()
                .isInstanceOfSatisfying(ServiceNowException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getMessage()).isEqualTo("No Record found");
                });
    }

    private Object serviceNow(String action, String sysId, Map<String, Object> body) {
        Map<String, Object> headers = new java.util.HashMap<>();
        headers.put("CamelServiceNowResource", "table");
        headers.put("CamelServiceNowTable", "incident");
        headers.put("CamelServiceNowAction", action);
        if (sysId != null) {
            headers.put("CamelServiceNowSysId", sysId);
        }
        // the connection the ServiceNow kamelet is configured with (camel.kamelet.servicenow-record-sink.*)
        return camel.requestBodyAndHeaders("servicenow:emulator?apiUrl={{camel.kamelet.servicenow-record-sink.apiUrl}}"
                + "&userName={{socialwire.emulators.username}}&password=RAW({{socialwire.emulators.password}})",
                body, headers);
    }

    private void upsertLead(String id, String json) {
        camel.requestBodyAndHeader("salesforce:upsertSObject?sObjectName=Lead&sObjectIdName=Socialwire_Id__c", json,
                "sObjectIdValue", id);
    }

    /** A JWT bearer assertion as camel-salesforce builds it: padded base64url segments, exp as a string. */
    private static String jwt(String issuer, String subject, long exp) {
        Base64.Encoder b64 = Base64.getUrlEncoder();
        String header = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject
                + "\",\"aud\":\"login\",\"exp\":\"" + exp + "\"}").getBytes(StandardCharsets.UTF_8));
        return encode(header + "." + claims + "." + b64.encodeToString("not-checked".getBytes()));
    }

    private JsonNode token(String form) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/emulators/salesforce/services/oauth2/token", form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", authorization)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
