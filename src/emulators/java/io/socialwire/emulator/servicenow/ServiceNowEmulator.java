package io.socialwire.emulator.servicenow;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.emulator.BasicCredentials;
import io.socialwire.emulator.CreatedRecords;
import io.socialwire.emulator.EmulatorFaults;
import io.socialwire.emulator.EmulatorJournal;
import io.socialwire.emulator.EmulatorProperties;
import io.socialwire.emulator.TokenIssuer;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A ServiceNow instance as camel-servicenow and a person with curl see it: the Table API under {@code /api/now}
 * (also {@code /api/now/v1}), basic auth or bearer tokens from {@code /oauth_token.do}, encoded queries, Link
 * pagination and ServiceNow's error shape. Basic auth as the agent user ({@link EmulatorProperties#agentUsername()})
 * works too: what the agent writes (a {@code comments} journal entry, say) carries its name in {@code sys_created_by}.
 */
@RestController
@ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
@RequestMapping(path = "${socialwire.emulators.servicenow-path:/emulators/servicenow}",
        produces = MediaType.APPLICATION_JSON_VALUE)
public class ServiceNowEmulator {

    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(1799);

    /** A table path inside a batch: table, sys_id (optional), encoded query (optional). */
    private static final Pattern TABLE_PATH = Pattern.compile(
            "/api/now/(?:v1/)?table/(\\w+)(?:/(\\w+))?(?:\\?(?:.*&)?sysparm_query=([^&]*).*)?");
    private static final ObjectMapper BATCH_JSON = new ObjectMapper();

    private final EmulatorProperties properties;
    private final EmulatorFaults faults;
    private final Set<String> tables;
    private final EmulatorJournal disk;
    private final TableStore store;
    private final TokenIssuer tokens;

    public ServiceNowEmulator(EmulatorProperties properties, Clock clock, CreatedRecords created,
                              EmulatorFaults faults) {
        this.faults = faults;
        this.properties = properties;
        this.tables = Set.copyOf(properties.servicenowTables());
        this.disk = EmulatorJournal.open(properties.dataDir(), "servicenow");
        this.store = new TableStore(clock, created, disk);
        this.tokens = new TokenIssuer("SN-", TOKEN_LIFETIME, clock);
    }

    @PreDestroy
    void close() {
        disk.close();
    }

    /** Resource-owner password grant with client credentials in Basic auth or the form, and refresh tokens. */
    @PostMapping(path = "/oauth_token.do", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<Map<String, Object>> token(@RequestParam MultiValueMap<String, String> form,
                                                     @RequestHeader(value = HttpHeaders.AUTHORIZATION,
                                                             required = false) String authorization) {
        BasicCredentials client = BasicCredentials.parse(authorization)
                .orElse(new BasicCredentials(form.getFirst("client_id"), form.getFirst("client_secret")));
        if (!client.matches(properties.clientId(), properties.clientSecret())) {
            return oauthError("invalid_client", "access_denied");
        }
        String grant = form.getFirst("grant_type");
        boolean granted = switch (grant == null ? "" : grant) {
            case "password" -> new BasicCredentials(form.getFirst("username"), form.getFirst("password"))
                    .matches(properties.username(), properties.password());
            case "refresh_token" -> tokens.isValidRefreshToken(form.getFirst("refresh_token"));
            default -> false;
        };
        if (!granted) {
            return oauthError("invalid_grant", "access_denied");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.issueAccessToken());
        body.put("refresh_token", tokens.issueRefreshToken());
        body.put("scope", "useraccount");
        body.put("token_type", "Bearer");
        body.put("expires_in", TOKEN_LIFETIME.toSeconds());
        return ResponseEntity.ok(body);
    }

    @PostMapping(path = {"/api/now/table/{table}", "/api/now/v1/table/{table}"})
    public ResponseEntity<Map<String, Object>> create(@PathVariable String table,
                                                      @RequestBody(required = false) Map<String, Object> fields,
                                                      HttpServletRequest request) {
        String user = authorize(request, table);
        return ResponseEntity.status(201).body(result(store.insert(table, strings(fields), user)));
    }

    @GetMapping(path = {"/api/now/table/{table}", "/api/now/v1/table/{table}"})
    public ResponseEntity<Map<String, Object>> list(@PathVariable String table,
                                                    @RequestParam(name = "sysparm_query", required = false) String q,
                                                    @RequestParam(name = "sysparm_limit", required = false) Integer limit,
                                                    @RequestParam(name = "sysparm_offset", defaultValue = "0") int offset,
                                                    @RequestParam(name = "sysparm_fields", required = false) String f,
                                                    HttpServletRequest request) {
        authorize(request, table);
        List<Map<String, String>> matching;
        try {
            matching = EncodedQuery.parse(q).apply(store.all(table));
        } catch (IllegalArgumentException e) {
            throw new ServiceNowError(400, e.getMessage(), null);
        }
        int pageSize = limit == null ? 10000 : Math.max(1, limit);
        List<Map<String, String>> page = matching.stream().skip(Math.max(0, offset)).limit(pageSize)
                .map(r -> select(r, f)).toList();
        HttpHeaders headers = new HttpHeaders();
        headers.add("X-Total-Count", Integer.toString(matching.size()));
        if (limit != null) {
            headers.add(HttpHeaders.LINK, links(request, pageSize, offset, matching.size()));
        }
        return ResponseEntity.ok().headers(headers).body(Map.of("result", page));
    }

    @GetMapping(path = {"/api/now/table/{table}/{sysId}", "/api/now/v1/table/{table}/{sysId}"})
    public ResponseEntity<Map<String, Object>> get(@PathVariable String table, @PathVariable String sysId,
                                                   @RequestParam(name = "sysparm_fields", required = false) String f,
                                                   HttpServletRequest request) {
        authorize(request, table);
        return ResponseEntity.ok(result(select(store.get(table, sysId).orElseThrow(ServiceNowEmulator::noRecord), f)));
    }

    @RequestMapping(path = {"/api/now/table/{table}/{sysId}", "/api/now/v1/table/{table}/{sysId}"},
            method = {RequestMethod.PUT, RequestMethod.PATCH})
    public ResponseEntity<Map<String, Object>> update(@PathVariable String table, @PathVariable String sysId,
                                                      @RequestBody(required = false) Map<String, Object> fields,
                                                      HttpServletRequest request) {
        String user = authorize(request, table);
        return ResponseEntity.ok(result(store.update(table, sysId, strings(fields), user)
                .orElseThrow(ServiceNowEmulator::noRecord)));
    }

    @DeleteMapping(path = {"/api/now/table/{table}/{sysId}", "/api/now/v1/table/{table}/{sysId}"})
    public ResponseEntity<Map<String, Object>> delete(@PathVariable String table, @PathVariable String sysId,
                                                      HttpServletRequest request) {
        authorize(request, table);
        if (!store.delete(table, sysId)) {
            throw noRecord();
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * The Batch API: many Table API requests in one call, each answered on its own (status, base64 body), in order.
     * The emulator serves table creates, updates and queries inside a batch.
     */
    @PostMapping(path = "/api/now/v1/batch")
    public ResponseEntity<Map<String, Object>> batch(@RequestBody JsonNode body, HttpServletRequest request) {
        String user = authenticate(request).orElseThrow(
                () -> new ServiceNowError(401, "User Not Authenticated", "Required to provide Auth information"));
        List<Map<String, Object>> serviced = new ArrayList<>();
        for (JsonNode item : body.path("rest_requests")) {
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("id", item.path("id").asText());
            int status;
            Object result;
            try {
                Matcher path = TABLE_PATH.matcher(item.path("url").asText());
                if (!path.matches() || !tables.contains(path.group(1))) {
                    throw new ServiceNowError(400, "Invalid table or path " + item.path("url").asText(), null);
                }
                String table = path.group(1);
                String sysId = path.group(2);
                // faults injected on a table path apply to that request inside the batch, as its own answer
                EmulatorFaults.Fault fault = faults.take(item.path("method").asText(), item.path("url").asText());
                if (fault != null && fault.kind() == EmulatorFaults.Kind.STATUS) {
                    if (fault.retryAfterSeconds() != null) {
                        response.put("headers", List.of(Map.of("name", "Retry-After",
                                "value", fault.retryAfterSeconds().toString())));
                    }
                    throw new ServiceNowError(fault.status(), "Injected fault", "status " + fault.status());
                }
                Map<String, Object> fields = !item.path("body").asText("").isEmpty() ? BATCH_JSON.readValue(
                        Base64.getDecoder().decode(item.path("body").asText()), Map.class) : null;
                switch (item.path("method").asText() + (sysId == null ? "" : "/id")) {
                    case "POST" -> {
                        status = 201;
                        result = store.insert(table, strings(fields), user);
                    }
                    case "PATCH/id", "PUT/id" -> {
                        status = 200;
                        result = store.update(table, sysId, strings(fields), user).orElseThrow(ServiceNowEmulator::noRecord);
                    }
                    case "GET" -> {
                        status = 200;
                        String query = path.group(3) == null ? null : URLDecoder.decode(path.group(3), StandardCharsets.UTF_8);
                        result = EncodedQuery.parse(query).apply(store.all(table));
                    }
                    default -> throw new ServiceNowError(400, "Unsupported batch request "
                            + item.path("method").asText() + " " + item.path("url").asText(), null);
                }
                response.put("body", base64(Map.of("result", result)));
            } catch (ServiceNowError e) {
                status = e.status();
                response.put("body", base64(Map.of("error", Map.of("message", e.getMessage(),
                        "detail", String.valueOf(e.detail())), "status", "failure")));
            } catch (IOException | IllegalArgumentException e) {
                status = 400;
                response.put("body", base64(Map.of("error", Map.of("message", "Invalid request body",
                        "detail", String.valueOf(e.getMessage())), "status", "failure")));
            }
            response.put("status_code", status);
            response.put("status_text", status < 300 ? "OK" : "Error");
            response.putIfAbsent("headers", List.of(Map.of("name", "Content-Type", "value", "application/json")));
            response.put("execution_time", 1);
            serviced.add(response);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("batch_request_id", body.path("batch_request_id").asText());
        answer.put("serviced_requests", serviced);
        answer.put("unserviced_requests", List.of());
        return ResponseEntity.ok(answer);
    }

    private static String base64(Object value) {
        try {
            return Base64.getEncoder().encodeToString(BATCH_JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Expires every bearer token, as a session timeout would on a real instance. */
    public void expireTokens() {
        tokens.expireAll();
    }

    @ExceptionHandler(ServiceNowError.class)
    public ResponseEntity<Map<String, Object>> error(ServiceNowError e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", e.getMessage());
        error.put("detail", e.detail());
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", error, "status", "failure"));
    }

    /** The authenticated user, after checking the table exists; otherwise ServiceNow's 401 or 400. */
    private String authorize(HttpServletRequest request, String table) {
        String user = authenticate(request).orElseThrow(
                () -> new ServiceNowError(401, "User Not Authenticated", "Required to provide Auth information"));
        if (!tables.contains(table)) {
            throw new ServiceNowError(400, "Invalid table " + table, null);
        }
        return user;
    }

    private Optional<String> authenticate(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String bearer = BasicCredentials.bearer(authorization);
        if (bearer != null) {
            return tokens.isValidAccessToken(bearer) ? Optional.of(properties.username()) : Optional.empty();
        }
        return BasicCredentials.parse(authorization)
                .filter(c -> c.matches(properties.username(), properties.password())
                        || properties.hasAgent() && c.matches(properties.agentUsername(), properties.agentPassword()))
                .map(BasicCredentials::user);
    }

    private static Map<String, String> strings(Map<String, Object> fields) {
        Map<String, String> result = new LinkedHashMap<>();
        if (fields != null) {
            fields.forEach((k, v) -> {
                if (!k.startsWith("sys_")) {
                    result.put(k, v == null ? "" : String.valueOf(v));
                }
            });
        }
        return result;
    }

    private static Map<String, String> select(Map<String, String> record, String fields) {
        if (fields == null || fields.isBlank()) {
            return record;
        }
        Map<String, String> selected = new LinkedHashMap<>();
        for (String field : fields.split(",")) {
            selected.put(field.trim(), record.getOrDefault(field.trim(), ""));
        }
        return selected;
    }

    /** As on an instance, sysparm_offset follows sysparm_limit inside each link (camel-servicenow relies on it). */
    private static String links(HttpServletRequest request, int limit, int offset, int total) {
        String base = ServletUriComponentsBuilder.fromRequest(request).replaceQueryParam("sysparm_limit")
                .replaceQueryParam("sysparm_offset").build().toUriString();
        String join = base.contains("?") ? "&" : "?";
        int last = total == 0 ? 0 : ((total - 1) / limit) * limit;
        StringBuilder links = new StringBuilder();
        links.append(link(base, join, limit, 0, "first"));
        if (offset > 0) {
            links.append(',').append(link(base, join, limit, Math.max(0, offset - limit), "prev"));
        }
        if (offset + limit < total) {
            links.append(',').append(link(base, join, limit, offset + limit, "next"));
        }
        links.append(',').append(link(base, join, limit, last, "last"));
        return links.toString();
    }

    private static String link(String base, String join, int limit, int offset, String rel) {
        return "<" + base + join + "sysparm_limit=" + limit + "&sysparm_offset=" + offset + ">;rel=\"" + rel + "\"";
    }

    private static Map<String, Object> result(Object value) {
        return Map.of("result", value);
    }

    private static ServiceNowError noRecord() {
        return new ServiceNowError(404, "No Record found", "Record doesn't exist or ACL restricts the record retrieval");
    }

    private static ResponseEntity<Map<String, Object>> oauthError(String error, String description) {
        return ResponseEntity.status(401).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", error, "error_description", description));
    }
}
