package io.socialwire.targets.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * Zendesk's replies poll is on by default only where support's records are Zendesk tickets, so a hub writing to
 * ServiceNow or Salesforce never calls Zendesk; SOCIALWIRE_REPLIES_ZENDESK decides either way.
 */
class ZendeskRepliesSettingsTest {

    private static final String ENABLED = "socialwire.replies.sources.zendesk.enabled";

    @Test
    void onByDefaultOnlyWhenSupportWritesZendeskTickets() throws Exception {
        assertThat(enabled(Map.of("SOCIALWIRE_SUPPORT_TARGET", "zendesk-ticket"))).isEqualTo("true");
        assertThat(enabled(Map.of("SOCIALWIRE_SUPPORT_TARGET", "servicenow-incident"))).isEqualTo("false");
        assertThat(enabled(Map.of("SOCIALWIRE_SUPPORT_TARGET", "salesforce-case"))).isEqualTo("false");
        assertThat(enabled(Map.of())).as("support's default target, ServiceNow").isEqualTo("false");
    }

    @Test
    void theSettingDecidesEitherWay() throws Exception {
        assertThat(enabled(Map.of("SOCIALWIRE_SUPPORT_TARGET", "zendesk-ticket", "SOCIALWIRE_REPLIES_ZENDESK",
                "false"))).isEqualTo("false");
        assertThat(enabled(Map.of("SOCIALWIRE_REPLIES_ZENDESK", "true"))).isEqualTo("true");
    }

    private static String enabled(Map<String, Object> variables) throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        // only what the test sets, whatever the machine's environment holds
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
        new YamlPropertySourceLoader().load("application", new FileSystemResource("config/application.yaml"))
                .forEach(environment.getPropertySources()::addLast);
        return environment.getProperty(ENABLED);
    }
}
