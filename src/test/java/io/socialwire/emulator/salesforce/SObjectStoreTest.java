package io.socialwire.emulator.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.socialwire.emulator.CreatedRecords;
import io.socialwire.emulator.EmulatorJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Salesforce emulator's records outlive a restart of the try-it hub: an author's Lead is upserted again, not
 * created twice, and a composite write that was rolled back stays rolled back.
 */
class SObjectStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void recordsSurviveARestartAndUpsertsFindThemByExternalId() {
        SObjectStore before = store();
        SObjectStore.Upserted lead = before.upsert("Lead", "Socialwire_Id__c", "x:author:42",
                Map.of("LastName", "Lopez", "Company", "maria_dev"));
        String task = before.create("Task", Map.of("Subject", "Follow-up", "WhoId", lead.id()));
        String deleted = before.create("Task", Map.of("Subject", "Spam"));
        before.update("Lead", lead.id(), Map.of("FirstName", "Maria"));
        before.delete("Task", deleted);

        SObjectStore after = store();

        assertThat(after.get("Lead", lead.id())).containsEntry("Name", "Maria Lopez")
                .containsEntry("Socialwire_Id__c", "x:author:42").containsEntry("Status", "Open - Not Contacted");
        assertThat(after.get("Task", task)).containsEntry("WhoId", lead.id());
        assertThatThrownBy(() -> after.get("Task", deleted)).isInstanceOf(SalesforceError.class);
        assertThat(after.upsert("Lead", "Socialwire_Id__c", "x:author:42", Map.of("Company", "Acme")))
                .isEqualTo(new SObjectStore.Upserted(lead.id(), false));
        // ids go on from the last one ever given: a deleted record's id is not given again
        assertThat(after.create("Task", Map.of("Subject", "Next"))).isEqualTo("00T000000000004AAA");
    }

    @Test
    void aRolledBackCompositeWriteIsNotKept() {
        SObjectStore before = store();
        assertThatThrownBy(() -> before.atomically(() -> {
            before.create("Lead", Map.of("LastName", "Kept only until the failure", "Company", "Acme"));
            return before.create("Lead", Map.of("Company", "No LastName"));
        })).isInstanceOf(SalesforceError.class);
        String kept = before.create("Lead", Map.of("LastName", "Kept", "Company", "Acme"));

        SObjectStore after = store();

        assertThat(after.all(after.schema().type("Lead"))).extracting(r -> r.get("Id")).containsExactly(kept);
    }

    private SObjectStore store() {
        Clock clock = Clock.systemUTC();
        return new SObjectStore(new SObjectSchema(Map.of("Lead", List.of("Socialwire_Id__c"))), clock,
                new CreatedRecords(clock), EmulatorJournal.open(dataDir.toString(), "salesforce"));
    }
}
