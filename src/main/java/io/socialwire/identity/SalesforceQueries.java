package io.socialwire.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.springframework.stereotype.Component;

/**
 * SOQL through the real camel-salesforce component ({@code rawPayload=true}: without generated DTOs the component
 * cannot map query results itself).
 */
@Component("salesforceQueries")
public class SalesforceQueries {

    /** Salesforce allows 5 queries among a composite request's 25 subrequests. */
    private static final int QUERIES_PER_COMPOSITE = 5;

    private final ProducerTemplate camel;
    private final ObjectMapper json;

    public SalesforceQueries(ProducerTemplate camel, ObjectMapper json) {
        this.camel = camel;
        this.json = json;
    }

    public Optional<JsonNode> first(String soql) {
        return firstRecord(query(soql));
    }

    /** Every record the query finds (its first page). */
    public List<JsonNode> records(String soql) {
        List<JsonNode> found = new ArrayList<>();
        records(query(soql)).forEach(found::add);
        return found;
    }

    /** The first record of a raw query result, or empty; used by routes that query through the component. */
    public Optional<JsonNode> firstRecord(InputStream result) {
        JsonNode records = records(result);
        return records.isEmpty() ? Optional.empty() : Optional.of(records.get(0));
    }

    /**
     * Several queries in one API call (the Composite API: up to 5 queries per call); the records each found, in
     * order. A query Salesforce refused fails them all.
     */
    public List<List<JsonNode>> all(List<String> soqls) {
        List<List<JsonNode>> results = new ArrayList<>();
        for (int from = 0; from < soqls.size(); from += QUERIES_PER_COMPOSITE) {
            List<Map<String, Object>> subrequests = new ArrayList<>();
            for (String soql : soqls.subList(from, Math.min(soqls.size(), from + QUERIES_PER_COMPOSITE))) {
                subrequests.add(Map.of("method", "GET", "referenceId", "q" + subrequests.size(),
                        "url", "/services/data/v" + apiVersion() + "/query?q="
                                + URLEncoder.encode(soql, StandardCharsets.UTF_8)));
            }
            JsonNode answer;
            try (InputStream in = camel.requestBody("salesforce:composite?rawPayload=true",
                    json.writeValueAsString(Map.of("allOrNone", false, "compositeRequest", subrequests)),
                    InputStream.class)) {
                answer = json.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (JsonNode response : answer.path("compositeResponse")) {
                int status = response.path("httpStatusCode").asInt();
                if (status != 200) {
                    JsonNode error = response.path("body").path(0);
                    throw new IllegalStateException("Salesforce refused a query", new SalesforceException(
                            List.of(new RestError(error.path("errorCode").asText("UNKNOWN"),
                                    error.path("message").asText(""))), status));
                }
                List<JsonNode> found = new ArrayList<>();
                response.path("body").path("records").forEach(found::add);
                results.add(found);
            }
        }
        if (results.size() != soqls.size()) {
            throw new IllegalStateException("Salesforce answered " + results.size() + " of " + soqls.size()
                    + " queries");
        }
        return results;
    }

    private String apiVersion() {
        return camel.getCamelContext().getComponent("salesforce", SalesforceComponent.class).getConfig()
                .getApiVersion();
    }

    private InputStream query(String soql) {
        return camel.requestBodyAndHeaders("salesforce:query?rawPayload=true", null, Map.of("sObjectQuery", soql),
                InputStream.class);
    }

    private JsonNode records(InputStream result) {
        try (InputStream in = result) {
            return json.readTree(in).path("records");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A SOQL string literal: quotes and backslashes escaped, so an author's handle cannot change the query. */
    public static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
