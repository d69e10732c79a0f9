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
        assertThat(EmulatorStats.operation("POST", "/rest/api/3/issue")).isEqualTo("POST /rest/api/3/issue");
        assertThat(EmulatorStats.operation("POST", "/rest/api/3/issue/SOC-12/comment"))
                .isEqualTo("POST /rest/api/3/issue/{issueIdOrKey}/comment");
        assertThat(EmulatorStats.operation("PUT", "/rest/api/3/issue/10004/comment/10020"))
                .isEqualTo("PUT /rest/api/3/issue/{issueIdOrKey}/comment/{id}");
        assertThat(EmulatorStats.operation("POST", "/rest/api/3/search/jql")).isEqualTo("POST /rest/api/3/search/jql");
        assertThat(EmulatorStats.operation("PUT", "/api/v2/tickets/7.json")).isEqualTo("PUT /api/v2/tickets/{id}.json");
        assertThat(EmulatorStats.operation("GET", "/api/v2/tickets/7/comments.json"))
                .isEqualTo("GET /api/v2/tickets/{id}/comments.json");
        assertThat(EmulatorStats.operation("GET", "/api/v2/tickets.json")).isEqualTo("GET /api/v2/tickets.json");
        assertThat(EmulatorStats.operation("POST", "/v21.0/111_222/comments"))
                .isEqualTo("POST /v21.0/{object-id}/comments");
        assertThat(EmulatorStats.operation("GET", "/v21.0/17858893269000001/replies"))
                .isEqualTo("GET /v21.0/{object-id}/replies");
        assertThat(EmulatorStats.operation("POST", "/v21.0/me/messages")).isEqualTo("POST /v21.0/me/messages");
        assertThat(EmulatorStats.operation("PUT", "/_people/7001")).isEqualTo("PUT /_people/{id}");
    }

    @Test
    void countsEachEmulatorsRequestsByOperationUntilReset() {
        EmulatorStats stats = new EmulatorStats(new EmulatorProperties(true, null, "u", "p", "c", "s",
                "/emulators/servicenow", "/emulators/salesforce", List.of("incident"), Map.of(), 15000, null, null));
        stats.count("POST", "/emulators/servicenow/api/now/table/incident");
        stats.count("POST", "/emulators/servicenow/api/now/table/incident");
        stats.count("PATCH", "/emulators/salesforce/services/data/v56.0/sobjects/Lead/00Q000000000001AAA");
        stats.count("POST", "/emulators/receiver/marketing");
        stats.count("POST", "/emulators/jira/rest/api/3/issue/SOC-1/comment");
        stats.count("GET", "/emulators/zendesk/api/v2/tickets/3.json");
        stats.count("POST", "/emulators/meta/v21.0/me/messages");
        stats.count("POST", "/emulators/bluesky/xrpc/com.atproto.repo.createRecord");
        stats.count("POST", "/webhooks/generic");

        assertThat(stats.snapshot()).isEqualTo(Map.of(
                "servicenow", Map.of("POST /api/now/table/incident", 2L),
                "salesforce", Map.of("PATCH /services/data/v56.0/sobjects/Lead/{id}", 1L),
                "receiver", Map.of("POST /emulators/receiver/marketing", 1L),
                "jira", Map.of("POST /rest/api/3/issue/{issueIdOrKey}/comment", 1L),
                "zendesk", Map.of("GET /api/v2/tickets/{id}.json", 1L),
                "meta", Map.of("POST /v21.0/me/messages", 1L),
                "bluesky", Map.of("POST /xrpc/com.atproto.repo.createRecord", 1L)));
        stats.reset();
        assertThat(stats.snapshot()).isEmpty();
    }
}
