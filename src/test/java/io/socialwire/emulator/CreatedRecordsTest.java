package io.socialwire.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CreatedRecordsTest {

    @Test
    void listsRecordsAfterASequenceNumberWithTheirCreationTimeAndRef() {
        CreatedRecords records = new CreatedRecords(Clock.fixed(Instant.ofEpochMilli(1_700_000_000_123L),
                ZoneOffset.UTC));
        records.add("servicenow", "incident", "a1", Map.of("description", "my order broke ref:sw-1-n7, help"));
        records.add("salesforce", "Lead", "00Q1", Map.of("LastName", "x", "Description", "no ref here"));
        records.add("salesforce", "Task", "00T1", Map.of("Description", "ref:nr-1-f3"));

        assertThat(records.after(0, null, 10).records()).extracting(CreatedRecords.Created::ref)
                .containsExactly("sw-1-n7", null, "nr-1-f3");
        CreatedRecords.Page page = records.after(0, "sw-", 10);
        assertThat(page.records()).containsExactly(
                new CreatedRecords.Created(1, 1_700_000_000_123L, "servicenow", "incident", "a1", "sw-1-n7"));
        assertThat(page.next()).isEqualTo(3);
        assertThat(records.after(1, null, 1)).isEqualTo(new CreatedRecords.Page(2,
                List.of(new CreatedRecords.Created(2, 1_700_000_000_123L, "salesforce", "Lead", "00Q1", null))));
        assertThat(records.after(3, null, 10).records()).isEmpty();
    }
}
