package io.socialwire.sinks;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Links to records as a person opens them; templates with {type} and {id}, set per installation. */
@Component
public class RecordUrls {

    private final String serviceNow;
    private final String salesforce;

    public RecordUrls(@Value("${socialwire.servicenow.record-url}") String serviceNow,
                      @Value("${socialwire.salesforce.record-url}") String salesforce) {
        this.serviceNow = serviceNow;
        this.salesforce = salesforce;
    }

    public String serviceNow(String table, String sysId) {
        return serviceNow.replace("{type}", table).replace("{id}", sysId);
    }

    public String salesforce(String type, String id) {
        return salesforce.replace("{type}", type).replace("{id}", id);
    }
}
