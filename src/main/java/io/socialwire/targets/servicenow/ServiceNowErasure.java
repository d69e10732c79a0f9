package io.socialwire.targets.servicenow;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.socialwire.conversation.ThreadRecord;
import io.socialwire.model.SocialInteraction;
import io.socialwire.sinks.SocialContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * An erasure in ServiceNow (routes/targets/servicenow.camel.yaml, {@code direct:servicenow-erase}), through
 * camel-servicenow with the record sink's credentials: the record an interaction created and its journal entries
 * are overwritten. What stays is the Interaction: line, so a redelivery still finds the record its own.
 */
@Component("serviceNowErasure")
public class ServiceNowErasure {

    private static final String KAMELET = "camel.kamelet.servicenow-record-sink.";

    private final ProducerTemplate camel;
    private final Environment env;
    private final Clock clock;

    ServiceNowErasure(ProducerTemplate camel, Environment env, Clock clock) {
        this.camel = camel;
        this.env = env;
        this.clock = clock;
    }

    /** The copies of one interaction in its conversation's ServiceNow record; the records changed. */
    public List<String> erase(SocialInteraction interaction, ThreadRecord thread) {
        List<String> changed = new ArrayList<>();
        if (thread == null || !thread.system().equals(ServiceNowBatch.SYSTEM)) {
            return changed;
        }
        if (interaction.id().equals(thread.createdBy())) {
            Map<String, Object> fields = new HashMap<>();
            fields.put("short_description", SocialContext.ERASED);
            fields.put("description", SocialContext.erasedBlock(clock.instant(), interaction.id(),
                    interaction.conversationId()));
            serviceNow(thread.recordType(), "update", thread.recordId(), null, fields);
            changed.add("servicenow:" + thread.recordType() + ":" + thread.recordId());
        }
        Object found = serviceNow("sys_journal_field", "retrieve", null,
                "element_id=" + thread.recordId() + "^valueLIKE" + SocialContext.marker(interaction.id()), null);
        for (Object entry : found instanceof List<?> list ? list : List.of()) {
            String sysId = (String) ((Map<?, ?>) entry).get("sys_id");
            serviceNow("sys_journal_field", "update", sysId, null,
                    Map.of("value", SocialContext.erasedComment(interaction.id())));
            changed.add("servicenow:sys_journal_field:" + sysId);
        }
        return changed;
    }

    private Object serviceNow(String table, String action, String sysId, String query, Map<String, Object> body) {
        String uri = "servicenow:" + env.getProperty(KAMELET + "instanceName") + "?resource=table&table=" + table
                + "&apiUrl=" + env.getProperty(KAMELET + "apiUrl")
                + "&oauthTokenUrl=" + env.getProperty(KAMELET + "oauthTokenUrl", "")
                + "&userName=RAW(" + env.getProperty(KAMELET + "userName") + ")"
                + "&password=RAW(" + env.getProperty(KAMELET + "password") + ")"
                + "&oauthClientId=RAW(" + env.getProperty(KAMELET + "clientId", "") + ")"
                + "&oauthClientSecret=RAW(" + env.getProperty(KAMELET + "clientSecret", "") + ")"
                + "&httpClientPolicy=#serviceNowHttpPolicy";
        Map<String, Object> headers = new HashMap<>();
        headers.put("CamelServiceNowAction", action);
        if (sysId != null) {
            headers.put("CamelServiceNowSysId", sysId);
        }
        if (query != null) {
            headers.put("CamelServiceNowQuery", query);
        }
        return camel.requestBodyAndHeaders(uri, body, headers);
    }
}
