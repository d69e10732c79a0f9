package io.socialwire.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class TargetsTest {

    private static final TargetsProperties.Target SERVICENOW = new TargetsProperties.Target(
            Map.of("default", "kamelet:servicenow-record-sink?table={type}"), "direct:servicenow-batch-write",
            "https://acme.service-now.com/nav_to.do?uri={type}.do?sys_id={id}", Set.of(400, 404), List.of(),
            "anonymise", "direct:servicenow-erase", null);
    private static final TargetsProperties.Target JIRA = new TargetsProperties.Target(
            Map.of("issue", "kamelet:jira-issue-sink"), null, "https://acme.atlassian.net/browse/{id}",
            Set.of(400, 403, 404), List.of(), "none", null, null);
    private static final Map<String, List<String>> CHOICES =
            Map.of("socialwire.support.target", List.of("servicenow-incident", "salesforce-case", "zendesk-ticket"));

    @Test
    void aRecordContinuesInItsSystemsKameletAndLinksAsAPersonOpensIt() {
        Targets targets = targets(new MockEnvironment());

        assertThat(targets.continueWith("servicenow", "sn_hr_core_case"))
                .isEqualTo("kamelet:servicenow-record-sink?table=sn_hr_core_case");
        assertThat(targets.continueWith("jira", "issue")).isEqualTo("kamelet:jira-issue-sink");
        assertThat(targets.recordUrl("jira", "issue", "SOC-7")).isEqualTo("https://acme.atlassian.net/browse/SOC-7");
        assertThat(targets.systemOf("servicenow-incident")).isEqualTo("servicenow");
        assertThat(targets.systemOf("marketing-webhook")).isNull();
        assertThat(targets.anonymised()).containsOnlyKeys("servicenow");
    }

    @Test
    void eachSystemRefusesWithItsOwnAnswers() {
        Targets targets = targets(new MockEnvironment());

        assertThat(targets.isRefusal("jira", 403, null)).isTrue();
        assertThat(targets.isRefusal("servicenow", 403, null)).as("ServiceNow's 403 is an expired grant").isFalse();
        assertThat(targets.isRefusal(null, 410, null)).as("a webhook's 4xx").isTrue();
        assertThat(targets.isRefusal(null, 429, null)).isFalse();
    }

    @Test
    void aSettingThatPicksAnUnknownTargetStopsStartUpNamingItsAllowedValues() {
        MockEnvironment env = new MockEnvironment().withProperty("socialwire.support.target", "zendesk-tickets");

        assertThatThrownBy(() -> targets(env)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("socialwire.support.target (SOCIALWIRE_SUPPORT_TARGET) is 'zendesk-tickets'; allowed: "
                        + "servicenow-incident, salesforce-case, zendesk-ticket");
    }

    @Test
    void anErasureThatAnonymisesNeedsAnEndpoint() {
        TargetsProperties.Target noEndpoint = new TargetsProperties.Target(Map.of(), null, null, Set.of(), List.of(),
                "anonymise", null, null);

        assertThatThrownBy(() -> new Targets(new TargetsProperties(Map.of("crm", noEndpoint), Map.of()),
                new MockEnvironment())).hasMessageContaining("socialwire.targets.crm.erasure is anonymise");
    }

    private static Targets targets(MockEnvironment env) {
        return new Targets(new TargetsProperties(Map.of("servicenow", SERVICENOW, "jira", JIRA), CHOICES), env);
    }
}
