package io.socialwire.emulator.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.emulator.CreatedRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JqlTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JiraSite site = new JiraSite(secondByCall(), new CreatedRecords(Clock.systemUTC()));
    private final Jql.Site known = new Jql.Site() {
        @Override
        public boolean hasProject(String key) {
            return Set.of("SOC", "OPS").contains(key.toUpperCase(Locale.ROOT));
        }

        @Override
        public boolean hasIssueType(String name) {
            return name.equalsIgnoreCase("Task") || name.equalsIgnoreCase("Bug");
        }

        @Override
        public boolean hasIssue(String idOrKey) {
            return site.find(idOrKey).isPresent();
        }
    };

    @BeforeEach
    void issues() throws Exception {
        site.create("SOC", "Task", "Dark mode please", doc("Customer asks for a dark mode in the app"),
                List.of("sw-conv-x-1", "product"), "Medium");
        site.create("SOC", "Bug", "Export crashes", doc("The CSV export crashes on large files"),
                List.of("sw-conv-x-2"), "High");
        site.create("OPS", "Task", "Dark theme for the admin", null, List.of(), "Low");
    }

    @Test
    void findsAnIssueByProjectAndConversationLabel() {
        assertThat(keys("project = SOC AND labels = sw-conv-x-2")).containsExactly("SOC-2");
        assertThat(keys("project = \"SOC\" and labels in (\"sw-conv-x-1\", other)")).containsExactly("SOC-1");
        assertThat(keys("project = SOC AND labels = sw-conv-unknown")).isEmpty();
    }

    @Test
    void ordersByCreatedOrKeyAndDefaultsToNewestFirst() {
        assertThat(keys("project in (SOC, OPS) ORDER BY created ASC, key DESC")).containsExactly("SOC-1", "SOC-2",
                "OPS-1");
        assertThat(keys("project in (SOC, OPS)")).containsExactly("OPS-1", "SOC-2", "SOC-1");
        assertThat(keys("issuetype = Task order by key")).containsExactly("OPS-1", "SOC-1");
    }

    @Test
    void matchesTextByWordsPhrasesAndPrefixes() {
        assertThat(keys("text ~ \"dark mode\"")).containsExactly("SOC-1");
        assertThat(keys("summary ~ \"dark\" ORDER BY created")).containsExactly("SOC-1", "OPS-1");
        assertThat(keys("description ~ \"\\\"export crashes\\\"\"")).containsExactly("SOC-2");
        assertThat(keys("description ~ \"\\\"crashes export\\\"\"")).isEmpty();
        assertThat(keys("summary ~ \"them*\"")).containsExactly("OPS-1");
        assertThat(keys("project = SOC AND summary !~ dark")).containsExactly("SOC-2");
    }

    @Test
    void combinesWithOrNotAndParenthesesAndEmptiness() {
        assertThat(keys("(labels = product OR priority = High) AND NOT project = OPS ORDER BY key"))
                .containsExactly("SOC-1", "SOC-2");
        assertThat(keys("labels is EMPTY")).containsExactly("OPS-1");
        assertThat(keys("project = SOC and labels is not empty and key != SOC-1")).containsExactly("SOC-2");
    }

    @Test
    void comparesCreatedAndUpdatedToTheMinuteAndOrdersByUpdated() throws Exception {
        // created at 00:00:01, :02 and :03; a comment on SOC-1 updates it at 00:00:04
        site.comment(site.find("SOC-1").orElseThrow(), doc("We are on it"), "someone", null);

        assertThat(keys("project = SOC AND updated >= \"2025-01-01 00:00\" ORDER BY updated ASC"))
                .containsExactly("SOC-2", "SOC-1");
        assertThat(keys("updated >= \"2025/01/01 00:01\"")).as("minutes, not seconds").isEmpty();
        assertThat(keys("created < \"2025-01-02\" AND created <= \"2025-01-01 00:00\" ORDER BY key"))
                .as("00:00 is 00:00:00: nothing was created then").isEmpty();
        assertThat(keys("created > \"2024-12-31 23:59\" AND project != OPS ORDER BY key"))
                .containsExactly("SOC-1", "SOC-2");
        assertRefused("updated >= \"yesterday\"", "Date value 'yesterday' for field 'updated' is invalid. Valid "
                + "formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period "
                + "format e.g. '-5d', '4w 2d'.");
        assertRefused("updated ~ \"2025-01-01\"", "The operator '~' is not supported by the 'updated' field.");
    }

    @Test
    void refusesWhatJiraRefusesWithItsMessages() {
        assertRefused("project = NOPE", "The value 'NOPE' does not exist for the field 'project'.");
        assertRefused("issuetype = Epic", "The value 'Epic' does not exist for the field 'issuetype'.");
        assertRefused("key = SOC-99", "An issue with key 'SOC-99' does not exist for field 'key'.");
        assertRefused("conversation = x", "Field 'conversation' does not exist or you do not have permission to view it.");
        assertRefused("summary = \"Dark mode please\"", "The operator '=' is not supported by the 'summary' field.");
        assertRefused("project = SOC ORDER BY rank", "Field 'rank' does not exist or you do not have permission to view it.");
        assertRefused("project = \"SOC", "The quoted string starting at character 11 is not closed.");
        assertRefused("project = SOC labels = x", "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'labels'.");
        assertRefused("labels = sw-conv-fb.1", "Error in the JQL Query: The character '.' is a reserved JQL character. "
                + "You must enclose it in a string or use the escape '\\u002e' instead. (line 1, character 20)");
        assertThat(keys("labels = \"sw-conv-x-1\" and labels = sw-conv-x-1")).containsExactly("SOC-1");
        assertThat(Jql.parse("ORDER BY created", known).unbounded()).isTrue();
        assertThat(Jql.parse("", known).unbounded()).isTrue();
    }

    private void assertRefused(String jql, String message) {
        assertThatThrownBy(() -> Jql.parse(jql, known)).isInstanceOfSatisfying(JiraError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.body()).containsEntry("errorMessages", List.of(message));
        });
    }

    private List<String> keys(String jql) {
        Jql query = Jql.parse(jql, known);
        return site.all().stream().filter(query::matches).sorted(query.comparator()).map(i -> i.key).toList();
    }

    /** A clock a second later at each reading, so issues have distinct creation times. */
    private static Clock secondByCall() {
        AtomicLong seconds = new AtomicLong();
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.parse("2025-01-01T00:00:00Z").plusSeconds(seconds.incrementAndGet());
            }
        };
    }

    private static JsonNode doc(String text) throws Exception {
        return JSON.readTree("{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"" + text + "\"}]}]}");
    }
}
