package io.socialwire.emulator.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.socialwire.emulator.CreatedRecords;
import io.socialwire.emulator.EmulatorJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ServiceNow emulator's records outlive a restart of the try-it hub: a follow-up finds its incident again. */
class TableStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    @Test
    void recordsJournalEntriesAndNumbersSurviveARestartFromTheSameFolder() {
        TableStore before = store(dataDir.toString());
        Map<String, String> incident = before.insert("incident", Map.of("short_description", "Broken order",
                "correlation_id", "facebook:1_2", "comments", "first post"), "socialwire");
        Map<String, String> gone = before.insert("incident", Map.of("short_description", "Spam"), "socialwire");
        before.update("incident", incident.get("sys_id"), Map.of("comments", "a follow-up", "urgency", "1"),
                "socialwire");
        before.delete("incident", gone.get("sys_id"));

        TableStore after = store(dataDir.toString());

        assertThat(after.get("incident", incident.get("sys_id"))).hasValueSatisfying(record -> {
            assertThat(record).containsEntry("number", "INC0010001").containsEntry("correlation_id", "facebook:1_2")
                    .containsEntry("urgency", "1").containsEntry("priority", "3").containsEntry("sys_mod_count", "1");
        });
        assertThat(after.get("incident", gone.get("sys_id"))).isEmpty();
        assertThat(after.all(TableStore.JOURNAL)).extracting(row -> row.get("value"))
                .containsExactly("first post", "a follow-up");
        assertThat(after.insert("incident", Map.of("short_description", "Next"), "socialwire"))
                .containsEntry("number", "INC0010003");
    }

    @Test
    void aLineCutShortByAKillIsSkipped() throws IOException {
        TableStore before = store(dataDir.toString());
        String sysId = before.insert("incident", Map.of("short_description", "Kept"), "socialwire").get("sys_id");
        Files.writeString(dataDir.resolve("servicenow.jsonl"), "{\"table\":\"incident\",\"sysId\":\"x\",\"fie",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        TableStore after = store(dataDir.toString());

        assertThat(after.all("incident")).extracting(r -> r.get("sys_id")).containsExactly(sysId);
    }

    @Test
    void withoutAFolderTheRecordsAreInMemoryOnly() {
        store("").insert("incident", Map.of("short_description", "Lost"), "socialwire");

        assertThat(store("").all("incident")).isEmpty();
        assertThat(dataDir).isEmptyDirectory();
    }

    private static TableStore store(String dataDir) {
        return new TableStore(CLOCK, new CreatedRecords(CLOCK), EmulatorJournal.open(dataDir, "servicenow"));
    }
}
