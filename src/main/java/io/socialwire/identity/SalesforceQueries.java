package io.socialwire.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * SOQL through the real camel-salesforce component ({@code rawPayload=true}: without generated DTOs the component
 * cannot map query results itself).
 */
@Component("salesforceQueries")
public class SalesforceQueries {

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
