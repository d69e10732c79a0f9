package io.socialwire.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.socialwire.sinks.http.TargetRefusedException;
import io.socialwire.targets.Targets;
import io.socialwire.targets.TargetsProperties;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.servicenow.ServiceNowException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class FailuresTest {

    private static final TargetsProperties.Target SALESFORCE = new TargetsProperties.Target(Map.of(), null, null,
            Set.of(400, 404), List.of("DUPLICATE_VALUE"), "none", null, null);
    private static final TargetsProperties.Target JIRA = new TargetsProperties.Target(Map.of(), null, null,
            Set.of(400, 403, 404), List.of(), "none", null, null);
    private final Failures failures = new Failures(new Targets(new TargetsProperties(
            Map.of("salesforce", SALESFORCE, "jira", JIRA), Map.of()), new MockEnvironment()));

    @Test
    void anHttpTargetsClientErrorsArePermanentButTimeoutsRateLimitsAndOutagesAreNot() {
        assertThat(failures.isPermanentFailure(refused(400), "marketing-webhook")).isTrue();
        assertThat(failures.isPermanentFailure(refused(401), "marketing-webhook")).isTrue();
        assertThat(failures.isPermanentFailure(refused(404), "marketing-webhook")).isTrue();
        assertThat(failures.isPermanentFailure(refused(422), "marketing-webhook")).isTrue();
        assertThat(failures.isPermanentFailure(refused(408), "marketing-webhook")).isFalse();
        assertThat(failures.isPermanentFailure(refused(429), "marketing-webhook")).isFalse();
        assertThat(failures.isPermanentFailure(refused(503), "marketing-webhook")).isFalse();
        assertThat(failures.isPermanentFailure(new RuntimeException("wrapped", refused(410)), null)).isTrue();
    }

    @Test
    void aSalesforceValidationErrorIsPermanentButAnUpsertRaceIsNot() {
        assertThat(failures.isPermanentFailure(salesforce(400, "REQUIRED_FIELD_MISSING"), "salesforce-lead")).isTrue();
        assertThat(failures.isPermanentFailure(salesforce(400, "DUPLICATE_VALUE"), "salesforce-lead")).isFalse();
        assertThat(failures.isPermanentFailure(salesforce(503, "SERVER_UNAVAILABLE"), "salesforce")).isFalse();
    }

    @Test
    void aTargetsOwnRefusalsDecideForAnyComponentsFailure() {
        // camel-http's failure, as a target described only in configuration (Jira) would throw it
        assertThat(failures.isPermanentFailure(http(403), "jira")).isTrue();
        assertThat(failures.isPermanentFailure(http(409), "jira")).isFalse();
        assertThat(failures.isPermanentFailure(http(429), "jira")).isFalse();
        // a 400 from a component no one described is a refusal too, not retried forever
        assertThat(failures.isPermanentFailure(new ServiceNowException(400, "failure", "Invalid", ""), "servicenow"))
                .isTrue();
    }

    @Test
    void theReasonNamesTheTargetAndStatusOnly() {
        assertThat(Failures.reason(new TargetRefusedException("slack-alert", 403, "Forbidden")))
                .isEqualTo("slack-alert answered HTTP 403 Forbidden");
        assertThat(Failures.reason(new IllegalStateException("wrapped", http(404)))).startsWith("Http 404: ");
    }

    private static HttpOperationFailedException http(int status) {
        return new HttpOperationFailedException("http://jira/rest/api/3/issue", status, "status", null, Map.of(),
                "{\"errorMessages\":[]}");
    }

    private static SalesforceException salesforce(int status, String errorCode) {
        return new SalesforceException(List.of(new RestError(errorCode, "message")), status);
    }

    private static TargetRefusedException refused(int status) {
        return new TargetRefusedException("marketing-webhook", status, null);
    }
}
