package io.socialwire.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.socialwire.boot.RequiredSettings.MissingSettingsException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class RequiredSettingsTest {

    @Test
    void namesEverySettingThatIsEmptyOrWhoseDefaultCannotBeResolved() {
        StandardEnvironment env = environment(Map.of(
                "camel.component.kafka.brokers", "",
                "camel.kamelet.servicenow-record-sink.apiUrl",
                "${SERVICENOW_API_URL:https://${SERVICENOW_INSTANCE}.service-now.com/api}",
                "socialwire.salesforce.record-url", "${SALESFORCE_RECORD_URL}",
                "camel.kamelet.marketing-webhook-sink.url", "https://marketing.example.com/events"));

        assertThatThrownBy(() -> new RequiredSettings().postProcessEnvironment(env, new SpringApplication()))
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(e.missing()).containsExactly(
                        "KAFKA_BOOTSTRAP_SERVERS is not set (camel.component.kafka.brokers)",
                        "SERVICENOW_API_URL is not set (camel.kamelet.servicenow-record-sink.apiUrl; its default needs "
                                + "SERVICENOW_INSTANCE, which is not set either)",
                        "SALESFORCE_RECORD_URL is not set (socialwire.salesforce.record-url)"));
    }

    @Test
    void passesWhenEachIsSetAndSkipsAnEntryWithoutProperty() {
        StandardEnvironment env = environment(Map.of(
                "camel.component.kafka.brokers", "${KAFKA_BOOTSTRAP_SERVERS}",
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "camel.kamelet.servicenow-record-sink.apiUrl", "https://acme.service-now.com/api",
                "socialwire.salesforce.record-url", "https://acme.lightning.force.com/lightning/r/{type}/{id}/view",
                "socialwire.required-settings.MARKETING_WEBHOOK_URL", ""));

        assertThatCode(() -> new RequiredSettings().postProcessEnvironment(env, new SpringApplication()))
                .doesNotThrowAnyException();
    }

    @Test
    void theFailureAnalysisPointsAtTheTryItJar() {
        FailureAnalysis analysis = new MissingSettingsFailureAnalyzer().analyze(new IllegalStateException(
                new MissingSettingsException(List.of("SERVICENOW_API_URL is not set (x)"))));

        assertThat(analysis.getDescription()).contains("SERVICENOW_API_URL is not set (x)");
        assertThat(analysis.getAction()).contains("try-it jar", "README.md");
    }

    private static StandardEnvironment environment(Map<String, String> values) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("socialwire.required-settings.KAFKA_BOOTSTRAP_SERVERS", "camel.component.kafka.brokers");
        all.put("socialwire.required-settings.SERVICENOW_API_URL", "camel.kamelet.servicenow-record-sink.apiUrl");
        all.put("socialwire.required-settings.SALESFORCE_RECORD_URL", "socialwire.salesforce.record-url");
        all.put("socialwire.required-settings.MARKETING_WEBHOOK_URL", "camel.kamelet.marketing-webhook-sink.url");
        all.putAll(values);
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", all));
        return env;
    }
}
