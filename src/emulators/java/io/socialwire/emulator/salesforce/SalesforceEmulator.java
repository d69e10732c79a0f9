package io.socialwire.emulator.salesforce;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.emulator.BasicCredentials;
import io.socialwire.emulator.CreatedRecords;
import io.socialwire.emulator.EmulatorJournal;
import io.socialwire.emulator.EmulatorProperties;
import io.socialwire.emulator.TokenIssuer;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A Salesforce org as camel-salesforce and a person with curl see it: OAuth on {@code /services/oauth2/token}
 * (password, client credentials, refresh token and JWT bearer grants; the password grant also signs in the agent
 * user, EMULATOR_AGENT_USERNAME, whose records carry its own {@code CreatedById}), sObject create, upsert by
 * external id, get, update, delete, SOQL query and {@code composite/sobjects}, with Salesforce's error shapes and the
 * {@code Sforce-Limit-Info} header. The JWT assertion's claims are checked; its signature is not.
 */
@RestController
@ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
@RequestMapping(path = "${socialwire.emulators.salesforce-path:/emulators/salesforce}",
        produces = MediaType.APPLICATION_JSON_VALUE)
public class SalesforceEmulator {

    private static final Duration SESSION_LIFETIME = Duration.ofHours(2);
    private static final String ORG_ID = "00D000000000001AAA";
    private static final String USER_ID = "005000000000001AAA";
    /** The agent user (EMULATOR_AGENT_USERNAME): what it creates carries this CreatedById. */
    static final String AGENT_USER_ID = "005000000000002AAA";

    private final EmulatorProperties properties;
    private final EmulatorJournal disk;
    private final SObjectStore store;
    private final TokenIssuer tokens;
    private final ObjectMapper json;
    private final Clock clock;
    private final AtomicLong apiCalls = new AtomicLong();

    public SalesforceEmulator(EmulatorProperties properties, ObjectMapper json, Clock clock,
                              CreatedRecords created) {
        this.properties = properties;
        this.disk = EmulatorJournal.open(properties.dataDir(), "salesforce");
        this.store = new SObjectStore(new SObjectSchema(properties.salesforceCustomFields()), clock, created, disk);
        this.tokens = new TokenIssuer("00D000000000001!", SESSION_LIFETIME, clock);
        this.json = json;
        this.clock = clock;
    }

    @PreDestroy
    void close() {
        disk.close();
    }

    @PostMapping(path = "/services/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<Map<String, Object>> token(@RequestParam MultiValueMap<String, String> form) {
        String grant = form.getFirst("grant_type");
        if (grant == null) {
            return loginError("unsupported_grant_type", "grant type not supported");
        }
        boolean clientOk = BasicCredentials.same(form.getFirst("client_id"), properties.clientId());
        boolean secretOk = BasicCredentials.same(form.getFirst("client_secret"), properties.clientSecret());
        boolean granted;
        boolean refreshable = false;
        String user = USER_ID;
        switch (grant) {
            case "password" -> {
                if (!clientOk) {
                    return loginError("invalid_client_id", "client identifier invalid");
                }
                BasicCredentials given = new BasicCredentials(form.getFirst("username"), form.getFirst("password"));
                if (properties.hasAgent() && given.matches(properties.agentUsername(), properties.agentPassword())) {
                    user = AGENT_USER_ID;
                }
                granted = secretOk && (user.equals(AGENT_USER_ID)
                        || given.matches(properties.username(), properties.password()));
            }
            case "client_credentials" -> granted = clientOk && secretOk;
            case "refresh_token" -> granted = clientOk && tokens.isValidRefreshToken(form.getFirst("refresh_token"));
            case "urn:ietf:params:oauth:grant-type:jwt-bearer" -> {
                granted = jwtClaimsValid(form.getFirst("assertion"));
                refreshable = true;
            }
            default -> {
                return loginError("unsupported_grant_type", "grant type not supported");
            }
        }
        if (!granted) {
            return loginError("invalid_grant", "authentication failure");
        }
        String base = baseUrl();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.issueAccessToken(user));
        if (refreshable || grant.equals("refresh_token")) {
            body.put("refresh_token", grant.equals("refresh_token") ? form.getFirst("refresh_token")
                    : tokens.issueRefreshToken());
        }
        body.put("instance_url", base);
        body.put("id", base + "/id/" + ORG_ID + "/" + user);
        body.put("token_type", "Bearer");
        body.put("issued_at", Long.toString(clock.millis()));
        body.put("signature", Base64.getEncoder().encodeToString(
                ("emulator" + clock.millis()).getBytes(StandardCharsets.UTF_8)));
        return ResponseEntity.ok(body);
    }

    /** Issues a refresh token for a password login, as an org does for an OAuth-enabled connected app. */
    public String issueRefreshToken() {
        return tokens.issueRefreshToken();
    }

    @RequestMapping(path = "/services/oauth2/revoke", method = {RequestMethod.GET, RequestMethod.POST})
    public ResponseEntity<Void> revoke() {
        return ResponseEntity.ok().build();
    }

    @GetMapping("/services/data")
    public List<Map<String, String>> versions() {
        return List.of(Map.of("label", "Winter '23", "url", "/services/data/v56.0", "version", "56.0"));
    }

    @PostMapping("/services/data/{version}/sobjects/{type}")
    public ResponseEntity<Object> create(@PathVariable String type, @RequestBody Map<String, Object> fields,
                                         HttpServletRequest request) {
        String id = store.create(type, fields, authorize(request));
        return withLimits(HttpStatus.CREATED, Map.of("id", id, "success", true, "errors", List.of()));
    }

    @PatchMapping("/services/data/{version}/sobjects/{type}/{field}/{value}")
    public ResponseEntity<Object> upsert(@PathVariable String type, @PathVariable String field,
                                         @PathVariable String value, @RequestBody Map<String, Object> fields,
                                         HttpServletRequest request) {
        SObjectStore.Upserted result = store.upsert(type, field, value, fields, authorize(request));
        if (!result.created()) {
            return withLimits(HttpStatus.NO_CONTENT, null);
        }
        return withLimits(HttpStatus.CREATED,
                Map.of("id", result.id(), "success", true, "errors", List.of(), "created", true));
    }

    @PatchMapping("/services/data/{version}/sobjects/{type}/{id}")
    public ResponseEntity<Object> update(@PathVariable String type, @PathVariable String id,
                                         @RequestBody Map<String, Object> fields, HttpServletRequest request) {
        authorize(request);
        store.update(type, id, fields);
        return withLimits(HttpStatus.NO_CONTENT, null);
    }

    @GetMapping("/services/data/{version}/sobjects/{type}/{id}")
    public ResponseEntity<Object> get(@PathVariable String type, @PathVariable String id,
                                      @RequestParam(required = false) String fields, HttpServletRequest request) {
        authorize(request);
        Map<String, Object> record = store.get(type, id);
        Map<String, Object> body = new LinkedHashMap<>();
        String typeName = store.schema().type(type).name();
        body.put("attributes", Map.of("type", typeName, "url",
                "/services/data/v56.0/sobjects/" + typeName + "/" + id));
        if (fields == null) {
            body.putAll(record);
        } else {
            for (String field : fields.split(",")) {
                body.put(field.trim(), record.get(field.trim()));
            }
        }
        return withLimits(HttpStatus.OK, body);
    }

    @DeleteMapping("/services/data/{version}/sobjects/{type}/{id}")
    public ResponseEntity<Object> delete(@PathVariable String type, @PathVariable String id,
                                         HttpServletRequest request) {
        authorize(request);
        store.delete(type, id);
        return withLimits(HttpStatus.NO_CONTENT, null);
    }

    @GetMapping({"/services/data/{version}/query", "/services/data/{version}/query/"})
    public ResponseEntity<Object> query(@RequestParam("q") String q, HttpServletRequest request) {
        authorize(request);
        return withLimits(HttpStatus.OK, queryResult(q));
    }

    /** A SOQL query's answer, as the query resource and a composite subrequest give it. */
    private Map<String, Object> queryResult(String q) {
        Soql soql = Soql.parse(q, store.schema());
        List<Map<String, Object>> records = soql.run(store.matching(soql.type(), soql::matches));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("totalSize", records.size());
        body.put("done", true);
        body.put("records", records);
        return body;
    }

    /** sObject Collections create: one result per record, in order; allOrNone rolls every record back. */
    @PostMapping("/services/data/{version}/composite/sobjects")
    public ResponseEntity<Object> createCollection(@RequestBody JsonNode body, HttpServletRequest request) {
        String user = authorize(request);
        boolean allOrNone = body.path("allOrNone").asBoolean(false);
        JsonNode records = body.path("records");
        if (!records.isArray() || records.size() > 200) {
            throw new SalesforceError(400, "INVALID_FIELD", "records must be an array of at most 200 records");
        }
        List<Map<String, Object>> results = new ArrayList<>();
        if (allOrNone) {
            int[] current = {0};
            try {
                store.atomically(() -> {
                    for (; current[0] < records.size(); current[0]++) {
                        JsonNode record = records.get(current[0]);
                        results.add(created(store.create(typeOf(record), fields(record), user)));
                    }
                    return null;
                });
            } catch (SalesforceError e) {
                results.clear();
                for (int i = 0; i < records.size(); i++) {
                    results.add(i == current[0] ? failed(e) : failed(new SalesforceError(400,
                            "ALL_OR_NONE_OPERATION_ROLLED_BACK", "Record rolled back because not all records were "
                            + "valid and the request was using AllOrNone header")));
                }
            }
        } else {
            for (JsonNode record : records) {
                try {
                    results.add(created(store.create(typeOf(record), fields(record), user)));
                } catch (SalesforceError e) {
                    results.add(failed(e));
                }
            }
        }
        return withLimits(HttpStatus.OK, results);
    }

    /**
     * sObject Collections upsert by an external id field: one result per record, in order, each saying whether it
     * created the record; a record that fails does not stop the others (allOrNone=false).
     */
    @PatchMapping("/services/data/{version}/composite/sobjects/{type}/{field}")
    public ResponseEntity<Object> upsertCollection(@PathVariable String type, @PathVariable String field,
                                                   @RequestBody JsonNode body, HttpServletRequest request) {
        String user = authorize(request);
        JsonNode records = body.path("records");
        if (!records.isArray() || records.size() > 200) {
            throw new SalesforceError(400, "INVALID_FIELD", "records must be an array of at most 200 records");
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (JsonNode record : records) {
            try {
                if (!type.equalsIgnoreCase(typeOf(record))) {
                    throw new SalesforceError(400, "INVALID_TYPE", "all records must be of type " + type);
                }
                Map<String, Object> fields = fields(record);
                fields.remove("attributes");
                Object key = fields.remove(field);
                if (key == null) {
                    throw new SalesforceError(400, "REQUIRED_FIELD_MISSING", "missing external id: " + field);
                }
                SObjectStore.Upserted upserted = store.upsert(type, field, key.toString(), fields, user);
                results.add(Map.of("id", upserted.id(), "success", true, "errors", List.of(),
                        "created", upserted.created()));
            } catch (SalesforceError e) {
                results.add(failed(e));
            }
        }
        return withLimits(HttpStatus.OK, results);
    }

    /** Composite: up to 25 subrequests in one call; the emulator runs SOQL queries (GET .../query?q=). */
    @PostMapping("/services/data/{version}/composite")
    public ResponseEntity<Object> composite(@RequestBody JsonNode body, HttpServletRequest request) {
        authorize(request);
        JsonNode subrequests = body.path("compositeRequest");
        if (!subrequests.isArray() || subrequests.size() > 25) {
            throw new SalesforceError(400, "INVALID_FIELD", "compositeRequest must hold at most 25 subrequests");
        }
        List<Map<String, Object>> responses = new ArrayList<>();
        for (JsonNode subrequest : subrequests) {
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("referenceId", subrequest.path("referenceId").asText());
            response.put("httpHeaders", Map.of());
            try {
                String url = subrequest.path("url").asText();
                if (!"GET".equals(subrequest.path("method").asText()) || !url.contains("/query?q=")) {
                    throw new SalesforceError(400, "INVALID_FIELD", "the emulator runs only queries in composite");
                }
                String q = java.net.URLDecoder.decode(url.substring(url.indexOf("?q=") + 3), StandardCharsets.UTF_8);
                response.put("body", queryResult(q));
                response.put("httpStatusCode", 200);
            } catch (SalesforceError e) {
                response.put("body", List.of(errorBody(e)));
                response.put("httpStatusCode", e.status());
            }
            responses.add(response);
        }
        return withLimits(HttpStatus.OK, Map.of("compositeResponse", responses));
    }

    @ExceptionHandler(SalesforceError.class)
    public ResponseEntity<Object> error(SalesforceError e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON).body(List.of(errorBody(e)));
    }

    private static String typeOf(JsonNode record) {
        String type = record.path("attributes").path("type").asText(null);
        if (type == null) {
            throw new SalesforceError(400, "INVALID_TYPE", "No SObject Type defined in attributes");
        }
        return type;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> fields(JsonNode record) {
        return json.convertValue(record, Map.class);
    }

    private static Map<String, Object> created(String id) {
        return Map.of("id", id, "success", true, "errors", List.of());
    }

    private static Map<String, Object> failed(SalesforceError e) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("success", false);
        result.put("errors", List.of(Map.of("statusCode", e.errorCode(), "message", e.getMessage(),
                "fields", e.fields())));
        return result;
    }

    private static Map<String, Object> errorBody(SalesforceError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", e.getMessage());
        body.put("errorCode", e.errorCode());
        body.put("fields", e.fields());
        return body;
    }

    /** The signed-in user's id (the integration user, or the agent); 401 without a valid session. */
    private String authorize(HttpServletRequest request) {
        String token = BasicCredentials.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (!tokens.isValidAccessToken(token)) {
            throw new SalesforceError(401, "INVALID_SESSION_ID", "Session expired or invalid");
        }
        String user = tokens.userOf(token);
        return user == null ? USER_ID : user;
    }

    private ResponseEntity<Object> withLimits(HttpStatus status, Object body) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status)
                .header("Sforce-Limit-Info", "api-usage=" + apiCalls.incrementAndGet() + "/"
                        + properties.salesforceDailyApiLimit());
        return body == null ? builder.build() : builder.body(body);
    }

    private boolean jwtClaimsValid(String assertion) {
        if (assertion == null) {
            return false;
        }
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            // camel-salesforce pads base64url segments and sends exp as a string: parse leniently
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            long exp = Long.parseLong(claims.path("exp").asText("0"));
            return BasicCredentials.same(claims.path("iss").asText(null), properties.clientId())
                    && BasicCredentials.same(claims.path("sub").asText(null), properties.username())
                    && exp > clock.instant().getEpochSecond();
        } catch (Exception e) {
            return false;
        }
    }

    private String baseUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(properties.salesforcePath()).toUriString();
    }

    /** Expires every session, so the next API call gets 401 INVALID_SESSION_ID and the client logs in again. */
    public void expireSessions() {
        tokens.expireAll();
    }

    private static ResponseEntity<Map<String, Object>> loginError(String error, String description) {
        // camel-salesforce parses exactly these two fields and fails on any other
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", error, "error_description", description));
    }
}
