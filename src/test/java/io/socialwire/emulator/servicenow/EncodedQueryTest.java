package io.socialwire.emulator.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Encoded queries as a poller of sys_journal_field writes them: comparisons on date-times, IN, ORDERBY. */
class EncodedQueryTest {

    private static final List<Map<String, String>> ENTRIES = List.of(
            entry("a", "comments", "2026-12-03 10:00:00", "inc1", "3"),
            entry("b", "work_notes", "2026-12-03 10:00:01", "inc1", "12"),
            entry("c", "comments", "2026-12-03 10:00:01", "inc2", "9"),
            entry("d", "comments", "2026-12-03 10:00:02", "inc3", ""));

    @Test
    void comparesDateTimesAsServiceNowWritesThem() {
        assertThat(ids("sys_created_on>2026-12-03 10:00:00")).containsExactly("b", "c", "d");
        assertThat(ids("sys_created_on>=2026-12-03 10:00:01")).containsExactly("b", "c", "d");
        assertThat(ids("sys_created_on<2026-12-03 10:00:01")).containsExactly("a");
        assertThat(ids("sys_created_on<=2026-12-03 10:00:01")).containsExactly("a", "b", "c");
        assertThat(ids("sys_created_on>javascript:gs.dateGenerate('2026-12-03','10:00:01')")).containsExactly("d");
    }

    @Test
    void comparesNumbersAsNumbersAndAnEmptyFieldMatchesNoComparison() {
        assertThat(ids("sys_mod_count>4")).containsExactly("b", "c");
        assertThat(ids("sys_mod_count<10")).containsExactly("a", "c");
        assertThat(ids("sys_mod_count<=99999")).doesNotContain("d");
    }

    @Test
    void combinesAComparisonWithInAndOrdersBySecondsKeepingTheOrderOfEntriesOfTheSameSecond() {
        assertThat(ids("element=comments^element_idINinc1,inc2,inc3^sys_created_on>=2026-12-03 10:00:00"
                + "^ORDERBYDESCsys_created_on")).containsExactly("d", "c", "a");
        assertThat(ids("sys_created_on>=2026-12-03 10:00:01^ORDERBYsys_created_on")).containsExactly("b", "c", "d");
        assertThat(ids("element=work_notes^ORsys_created_on>2026-12-03 10:00:01")).containsExactly("b", "d");
    }

    @Test
    void aTermWithoutAnOperatorIsRefused() {
        assertThatThrownBy(() -> EncodedQuery.parse("sys_created_on~2026"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sys_created_on~2026");
    }

    private static List<String> ids(String query) {
        return EncodedQuery.parse(query).apply(ENTRIES).stream().map(e -> e.get("sys_id")).toList();
    }

    private static Map<String, String> entry(String id, String element, String createdOn, String recordId,
                                             String modCount) {
        return Map.of("sys_id", id, "element", element, "sys_created_on", createdOn, "element_id", recordId,
                "sys_mod_count", modCount);
    }
}
