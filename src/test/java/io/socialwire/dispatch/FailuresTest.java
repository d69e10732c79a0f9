package io.socialwire.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.socialwire.sinks.http.TargetRefusedException;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void anHttpTargetsClientErrorsArePermanentButTimeoutsRateLimitsAndOutagesAreNot() {
        assertThat(Failures.isPermanentFailure(refused(400))).isTrue();
        assertThat(Failures.isPermanentFailure(refused(401))).isTrue();
        assertThat(Failures.isPermanentFailure(refused(404))).isTrue();
        assertThat(Failures.isPermanentFailure(refused(422))).isTrue();
        assertThat(Failures.isPermanentFailure(refused(408))).isFalse();
        assertThat(Failures.isPermanentFailure(refused(429))).isFalse();
        assertThat(Failures.isPermanentFailure(refused(503))).isFalse();
        assertThat(Failures.isPermanentFailure(new RuntimeException("wrapped", refused(410)))).isTrue();
    }

    @Test
    void aSalesforceValidationErrorIsPermanentButAnUpsertRaceIsNot() {
        assertThat(Failures.isPermanentFailure(salesforce(400, "REQUIRED_FIELD_MISSING"))).isTrue();
        assertThat(Failures.isPermanentFailure(salesforce(400, "DUPLICATE_VALUE"))).isFalse();
        assertThat(Failures.isPermanentFailure(salesforce(503, "SERVER_UNAVAILABLE"))).isFalse();
    }

    @Test
    void theReasonNamesTheTargetAndStatusOnly() {
        assertThat(Failures.reason(new TargetRefusedException("slack-alert", 403, "Forbidden")))
                .isEqualTo("slack-alert answered HTTP 403 Forbidden");
    }

    private static SalesforceException salesforce(int status, String errorCode) {
        return new SalesforceException(List.of(new RestError(errorCode, "message")), status);
    }

    private static TargetRefusedException refused(int status) {
        return new TargetRefusedException("marketing-webhook", status, null);
    }
}
