package io.socialwire.emulator.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SoqlTest {

    private final SObjectSchema schema = new SObjectSchema(Map.of("Lead", List.of("X_Handle__c")));

    private final List<Map<String, Object>> leads = List.of(
            Map.of("Id", "00Q1", "Name", "Ana", "X_Handle__c", "ana", "IsConverted", false),
            Map.of("Id", "00Q2", "Name", "Bo", "X_Handle__c", "bo", "IsConverted", true),
            Map.of("Id", "00Q3", "Name", "O'Neil", "X_Handle__c", "o'neil and co", "IsConverted", false));

    @Test
    void inMatchesAnyListedValueAndCombinesWithAnd() {
        Soql soql = Soql.parse("SELECT Id FROM Lead WHERE X_Handle__c IN ('ana', 'bo', 'o\\'neil and co') "
                + "AND IsConverted = false", schema);

        assertThat(soql.run(leads)).extracting(r -> r.get("Id")).containsExactly("00Q1", "00Q3");
    }

    @Test
    void dateTimesCompareAsInstantsWhateverTheirForm() {
        List<Map<String, Object>> comments = List.of(
                Map.of("Id", "00a1", "CreatedDate", "2026-12-03T09:59:59.000+0000", "IsPublished", true),
                Map.of("Id", "00a2", "CreatedDate", "2026-12-03T10:00:00.000+0000", "IsPublished", true),
                Map.of("Id", "00a3", "CreatedDate", "2026-12-03T10:00:01.500+0000", "IsPublished", false));

        Soql since = Soql.parse("SELECT Id FROM CaseComment WHERE CreatedDate >= 2026-12-03T10:00:00Z "
                + "ORDER BY CreatedDate", schema);
        Soql before = Soql.parse("SELECT Id FROM CaseComment WHERE CreatedDate < 2026-12-03T10:00:00.000+0000", schema);

        assertThat(since.run(comments)).extracting(r -> r.get("Id")).containsExactly("00a2", "00a3");
        assertThat(before.run(comments)).extracting(r -> r.get("Id")).containsExactly("00a1");
    }

    @Test
    void anAndInsideAQuotedValueDoesNotSplitTheCondition() {
        Soql soql = Soql.parse("SELECT Id FROM Lead WHERE X_Handle__c = 'o\\'neil and co'", schema);

        assertThat(soql.run(leads)).extracting(r -> r.get("Id")).containsExactly("00Q3");
    }

    /** A batch's authors in one query: hundreds of quoted values once overflowed the parser's regex stack. */
    @Test
    void aLongInListParses() {
        String handles = IntStream.range(0, 500).mapToObj(i -> "'handle_" + i + "'")
                .collect(Collectors.joining(", ", "(", ")"));
        Soql soql = Soql.parse("SELECT Id FROM Lead WHERE X_Handle__c IN " + handles + " AND IsConverted = false",
                schema);

        assertThat(soql.run(leads)).isEmpty();
    }
}
