package io.socialwire.emulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells the person who just started the hub where to send webhooks and where to read the records. */
@Component
@ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
class EmulatorUrls {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorUrls.class);

    private final EmulatorProperties properties;
    private final Environment env;

    EmulatorUrls(EmulatorProperties properties, Environment env) {
        this.properties = properties;
        this.env = env;
    }

    @EventListener(ApplicationReadyEvent.class)
    void log() {
        String base = "http://localhost:" + env.getProperty("local.server.port", env.getProperty("server.port"));
        LOG.info("Socialwire is ready. Webhooks: {}/webhooks/meta, {}/webhooks/generic", base, base);
        LOG.info("ServiceNow emulator: {}{}/api/now/table/incident", base, properties.servicenowPath());
        LOG.info("Salesforce emulator: {}{}/services/data/v56.0/query?q=SELECT+Id,LastName+FROM+Lead", base,
                properties.salesforcePath());
        LOG.info("Jira emulator: {}/emulators/jira/rest/api/3/issue/SOC-1", base);
        LOG.info("Zendesk emulator: {}/emulators/zendesk/api/v2/tickets.json", base);
    }
}
