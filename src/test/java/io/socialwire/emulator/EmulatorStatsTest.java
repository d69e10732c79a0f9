package io.socialwire.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EmulatorStatsTest {

    @Test
    void idsSysIdsAndExternalIdValuesBecomePlaceholders() {
        assertThat(EmulatorStats.operation("POST", "/api/now/table/incident")).isEqualTo("POST /api/now/table/incident");
        assertThat(EmulatorStats.operation("PATCH", "/api/now/table/incident/0f8e5d2a9c1b4e7f8a6d3c2b1a0f9e8d"))
                .isEqualTo("PATCH /api/now/table/incident/{sys_id}");
        assertThat(EmulatorStats.operation("GET", "/api/now/v1/table/sys_journal_field/abc"))
                .isEqualTo("GET /api/now/v1/table/sys_journal_field/{sys_id}");
        assertThat(EmulatorStats.operation("GET", "/services/data/v56.0/query"))
                .isEqualTo("GET /services/data/v56.0/query");
        assertThat(EmulatorStats.operation("PATCH", "/services/data/v56.0/sobjects/Lead/00Q000000000001AAA"))
                .isEqualTo("PATCH /services/data/v56.0/sobjects/Lead/{id}");
        assertThat(EmulatorStats.operation("PATCH", "/services/data/v56.0/sobjects/Task/Socialwire_Id__c/x%3A1790"))
                .isEqualTo("PATCH /services/data/v56.0/sobjects/Task/Socialwire_Id__c/{value}");
        assertThat(EmulatorStats.operation("POST", "/services/data/v56.0/sobjects/Lead"))
                .isEqualTo("POST /services/data/v56.0/sobjects/Lead");
        assertThat(EmulatorStats.operation("GET", "/services/data/v56.0/sobjects/Lead/describe"))
                .isEqualTo("GET /services/data/v56.0/sobjects/Lead/describe");
        assertThat(EmulatorStats.operation("POST", "/services/oauth2/token")).isEqualTo("POST /services/oauth2/token");
        assertThat(EmulatorStats.operation("GET", "/2/users/1000/mentions")).isEqualTo("GET /2/users/{id}/mentions");
        assertThat(EmulatorStats.operation("GET", "/2/users/by/username/acme"))
                .isEqualTo("GET /2/users/by/username/{username}");
        assertThat(EmulatorStats.operation("GET", "/2/tweets/search/recent")).isEqualTo("GET /2/tweets/search/recent");
    }

    @Test
    void countsEachEmulatorsRequestsByOperationUntilReset() {
        EmulatorStats stats = new EmulatorStats(new EmulatorProperties(true, null, "u", "p", "c", "s",
                "/emulators/servicenow", "/emulators/salesforce", List.of("incident"), Map.of(), 15000));
        stats.count("POST", "/emulators/servicenow/api/now/table/incident");
        stats.count("POST", "/emulators/servicenow/api/now/table/incident");
        stats.count("PATCH", "/emulators/salesforce/services/data/v56.0/sobjects/Lead/00Q000000000001AAA");
        stats.count("POST", "/emulators/receiver/marketing");
        stats.count("POST", "/webhooks/generic");

        assertThat(stats.snapshot()).isEqualTo(Map.of(
                "servicenow", Map.of("POST /api/now/table/incident", 2L),
                "salesforce", Map.of("PATCH /services/data/v56.0/sobjects/Lead/{id}", 1L),
                "receiver", Map.of("POST /emulators/receiver/marketing", 1L)));
        stats.reset();
        assertThat(stats.snapshot()).isEmpty();
    }
}
