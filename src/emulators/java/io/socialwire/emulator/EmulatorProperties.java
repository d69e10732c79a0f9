package io.socialwire.emulator;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The in-process emulators of the try-it jar. Credentials come from EMULATOR_USERNAME, EMULATOR_PASSWORD,
 * EMULATOR_CLIENT_ID and EMULATOR_CLIENT_SECRET; they guard the emulators only.
 *
 * @param enabled                 serve the emulators from this process (the try-it default)
 * @param dataDir                 where they keep their records across restarts ({@link EmulatorJournal}); empty:
 *                                in memory only
 * @param servicenowPath          where the ServiceNow emulator is served
 * @param salesforcePath          where the Salesforce emulator is served
 * @param servicenowTables        tables the ServiceNow emulator knows; others answer "Invalid table"
 * @param salesforceCustomFields  custom fields per sObject, beside the standard ones the emulator knows
 * @param salesforceDailyApiLimit the emulated org's daily API requests (reported in Sforce-Limit-Info)
 * @param agentUsername           a second user of ServiceNow, Salesforce, Zendesk and Jira (EMULATOR_AGENT_USERNAME): a
 *                                support agent whose entries carry that user, so a reply can be tried as a person
 *                                would write it; none when empty
 * @param agentPassword           its password (EMULATOR_AGENT_PASSWORD)
 */
@ConfigurationProperties("socialwire.emulators")
public record EmulatorProperties(
        @DefaultValue("true") boolean enabled,
        String dataDir,
        String username,
        String password,
        String clientId,
        String clientSecret,
        @DefaultValue("/emulators/servicenow") String servicenowPath,
        @DefaultValue("/emulators/salesforce") String salesforcePath,
        @DefaultValue({"incident", "sys_user", "sys_journal_field", "sn_hr_core_case"}) List<String> servicenowTables,
        Map<String, List<String>> salesforceCustomFields,
        @DefaultValue("15000") long salesforceDailyApiLimit,
        String agentUsername,
        String agentPassword) {

    public Map<String, List<String>> salesforceCustomFields() {
        return salesforceCustomFields == null ? Map.of() : salesforceCustomFields;
    }

    /** Whether the agent user is configured: a name and a password. */
    public boolean hasAgent() {
        return agentUsername != null && !agentUsername.isBlank() && agentPassword != null && !agentPassword.isEmpty();
    }
}
