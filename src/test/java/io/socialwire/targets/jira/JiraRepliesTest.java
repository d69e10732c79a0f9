package io.socialwire.targets.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.conversation.ThreadRecord;
import io.socialwire.replies.Replies;
import io.socialwire.replies.Reply;
import io.socialwire.replies.ReplyCursor;
import io.socialwire.replies.ReplyCursors;
import io.socialwire.support.MapCursors;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JiraRepliesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:07Z");
    private static final String HUB = "712020:hub";
    private final Map<String, String> cursor = new HashMap<>();
    private final Replies replies = mock(Replies.class);
    private ReplyCursors replyCursors;
    private JiraReplies poll;

    @BeforeEach
    void setUp() throws Exception {
        replyCursors = new ReplyCursors(MapCursors.of(cursor));
        when(replies.of(eq("jira"), anyString(), anyString(), anyString(), anyString(), any()))
                .thenAnswer(call -> call.getArgument(1).equals("SOC-9") ? null
                        : new Reply("jira:" + call.getArgument(2), "jira", "issue", call.getArgument(1), "x:1",
                        call.getArgument(3), call.getArgument(4), call.getArgument(5),
                        new ThreadRecord.ReplyTo("x", "post", "1", "77", "ana", "x:1")));
        poll = new JiraReplies(replyCursors, replies, JSON, Clock.fixed(NOW, ZoneOffset.UTC), "SOC", "Administrators");
        poll.account(exchange("{\"accountId\":\"" + HUB + "\",\"timeZone\":\"Europe/Berlin\"}"));
    }

    @Test
    void theFirstPollAsksFromTheMinuteTheHubStartedInTheAccountsTimeZoneForTheHubsIssuesWithTheirComments()
            throws Exception {
        Exchange exchange = exchange(null);

        JsonNode search = JSON.readTree(poll.query(exchange));

        assertThat(search.path("jql").asText()).isEqualTo("project = \"SOC\" AND labels = socialwire AND "
                + "updated >= \"2026-12-03 11:00\" ORDER BY updated ASC");
        assertThat(search.path("fields").toString()).isEqualTo("[\"comment\",\"labels\"]");
        assertThat(search.path("maxResults").asInt()).isEqualTo(50);
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_METHOD)).isEqualTo("POST");
        assertThat(cursor).containsEntry(JiraReplies.CURSOR, "2026-12-03T10:00:07Z|");
    }

    @Test
    void theJqlTruncatesTheCursorToTheMinuteJiraCompares() {
        assertThat(JiraReplies.jql("OPS", ReplyCursor.parse("2026-12-03T23:59:59Z|7"), ZoneOffset.UTC))
                .contains("updated >= \"2026-12-03 23:59\"");
        assertThat(JiraReplies.jql("OPS", ReplyCursor.parse("2026-12-03T23:59:59Z|7"), ZoneId.of("America/New_York")))
                .contains("updated >= \"2026-12-03 18:59\"");
    }

    @Test
    void publicCommentsOfOthersAreAnswersOldestFirstAndRestrictedOrTheHubsOwnAreNot() throws Exception {
        cursor.put(JiraReplies.CURSOR, "2026-12-03T10:00:05Z|10001");
        String search = "{\"issues\":["
                + issue("SOC-2", comment("10007", "2026-12-03T10:00:09.120+0000", "agent-1", null, "Later answer"))
                + "," + issue("SOC-1",
                comment("10001", "2026-12-03T10:00:05.100+0000", "agent-1", null, "read last time"),
                comment("10002", "2026-12-03T10:00:05.900+0000", "agent-1", null, "We are building it."),
                comment("10003", "2026-12-03T10:00:06.000+0000", HUB, null, "Also this (socialwire:x:2)"),
                comment("10004", "2026-12-03T10:00:06.000+0000", "agent-2",
                        "{\"type\":\"role\",\"value\":\"Developers\"}", "internal: needs a spike"),
                comment("10005", "2026-12-03T12:00:06.000+0200", "agent-2", null, "Quoting (socialwire:x:2)"),
                comment("10006", "2026-12-03T10:00:04.000+0000", "agent-1", null, "before the cursor"))
                + "," + issue("SOC-9", comment("10008", "2026-12-03T10:00:09.500+0000", "agent-1", null,
                "an issue that is no conversation's"))
                + "]}";

        Exchange exchange = exchange(search);
        var answers = poll.answers(exchange);
        replyCursors.advance(exchange);

        assertThat(answers).extracting(Reply::id, Reply::recordId, Reply::text, Reply::agent).containsExactly(
                tuple("jira:10002", "SOC-1", "We are building it.", "agent-1"),
                tuple("jira:10007", "SOC-2", "Later answer", "agent-1"));
        assertThat(answers.get(0).writtenAt()).isEqualTo(Instant.parse("2026-12-03T10:00:05.900Z"));
        assertThat(cursor).containsEntry(JiraReplies.CURSOR, "2026-12-03T10:00:09Z|10007,10008");

        assertThat(poll.answers(exchange(search))).as("the same issues read again").isEmpty();
    }

    @Test
    void moreIssuesThanAPageAreReadAPagePerPollAndTheCursorMovesAfterTheLast() throws Exception {
        cursor.put(JiraReplies.CURSOR, "2026-12-03T10:00:05Z|");
        Exchange first = exchange(null);
        poll.query(first);
        first.getMessage().setBody("{\"issues\":[" + issue("SOC-1", comment("10009", "2026-12-03T10:00:09.000+0000",
                "agent-1", null, "Newer, on the first page")) + "],\"nextPageToken\":\"page-2\",\"isLast\":false}");
        assertThat(poll.answers(first)).extracting(Reply::id).containsExactly("jira:10009");
        replyCursors.advance(first);
        assertThat(cursor).as("not before the last page").containsEntry(JiraReplies.CURSOR, "2026-12-03T10:00:05Z|");

        Exchange second = exchange(null);
        JsonNode search = JSON.readTree(poll.query(second));
        assertThat(search.path("nextPageToken").asText()).isEqualTo("page-2");
        assertThat(search.path("jql").asText()).contains("updated >= \"2026-12-03 11:00\"");
        second.getMessage().setBody("{\"issues\":[" + issue("SOC-2", comment("10006", "2026-12-03T10:00:06.000+0000",
                "agent-1", null, "Older, on an issue edited since"), comment("10009", "2026-12-03T10:00:09.000+0000",
                "agent-1", null, "Newer, on the first page")) + "],\"isLast\":true}");
        assertThat(poll.answers(second)).extracting(Reply::id).as("the older answer, not the first page's again")
                .containsExactly("jira:10006");
        replyCursors.advance(second);
        assertThat(cursor).containsEntry(JiraReplies.CURSOR, "2026-12-03T10:00:09Z|10009");

        assertThat(JSON.readTree(poll.query(exchange(null))).has("nextPageToken")).as("a new walk").isFalse();
    }

    @Test
    void aSearchJiraFailedStartsTheWalkOver() throws Exception {
        Exchange first = exchange(null);
        poll.query(first);
        first.getMessage().setBody("{\"issues\":[],\"nextPageToken\":\"page-2\",\"isLast\":false}");
        poll.answers(first);
        assertThat(JSON.readTree(poll.query(exchange(null))).path("nextPageToken").asText()).isEqualTo("page-2");

        // that search failed (no answers): the next one starts from the first page
        assertThat(JSON.readTree(poll.query(exchange(null))).has("nextPageToken")).isFalse();
    }

    @Test
    void aServiceDesksInternalCommentIsNoAnswer() throws Exception {
        String search = "{\"issues\":[{\"key\":\"SOC-1\",\"fields\":{\"comment\":{\"comments\":[{\"id\":\"1\","
                + "\"created\":\"2026-12-03T10:00:08.000+0000\",\"author\":{\"accountId\":\"agent-1\"},"
                + "\"jsdPublic\":false,\"body\":" + adf("internal") + "}],\"total\":1}}}]}";

        assertThat(poll.answers(exchange(search))).isEmpty();
    }

    @Test
    void anEmptySearchKeepsTheCursor() throws Exception {
        cursor.put(JiraReplies.CURSOR, "2026-12-03T10:00:05Z|10001");
        Exchange exchange = exchange("{\"issues\":[],\"isLast\":true}");

        assertThat(poll.answers(exchange)).isEmpty();
        replyCursors.advance(exchange);

        assertThat(cursor).containsEntry(JiraReplies.CURSOR, "2026-12-03T10:00:05Z|10001");
    }

    @Test
    void anAtlassianDocumentBecomesPlainTextParagraphsApartAndHardBreaksAsNewLines() throws Exception {
        JsonNode document = JSON.readTree("""
                {"type":"doc","version":1,"content":[
                  {"type":"paragraph","content":[{"type":"text","text":"Hi "},
                    {"type":"mention","attrs":{"id":"1","text":"@Ana"}},{"type":"text","text":","},
                    {"type":"hardBreak"},{"type":"text","text":"dark mode ships in ","marks":[{"type":"strong"}]},
                    {"type":"text","text":"March"},{"type":"emoji","attrs":{"shortName":":tada:","text":"🎉"}}]},
                  {"type":"bulletList","content":[
                    {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"iOS"}]}]},
                    {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"web"}]}]}]},
                  {"type":"paragraph","content":[{"type":"text","text":"Details: "},
                    {"type":"inlineCard","attrs":{"url":"https://acme.example/roadmap"}}]},
                  {"type":"paragraph","content":[]}
                ]}""");

        assertThat(JiraReplies.text(document)).isEqualTo("Hi @Ana,\ndark mode ships in March🎉\n\niOS\n\nweb\n\n"
                + "Details: https://acme.example/roadmap");
        assertThat(JiraReplies.text(JSON.readTree("\"  plain v2 text \""))).isEqualTo("plain v2 text");
    }

    @Test
    void theNoteIsACommentRestrictedToTheRole() throws Exception {
        Exchange exchange = exchange(null);
        when(replies.note(exchange)).thenReturn("Replied on X: https://x.com/i/web/status/1");

        JsonNode note = JSON.readTree(poll.note(exchange));

        assertThat(note.path("visibility").path("type").asText()).isEqualTo("role");
        assertThat(note.path("visibility").path("value").asText()).isEqualTo("Administrators");
        assertThat(note.path("body").path("type").asText()).isEqualTo("doc");
        assertThat(JiraReplies.text(note.path("body"))).isEqualTo("Replied on X: https://x.com/i/web/status/1");
    }

    private static String issue(String key, String... comments) {
        return "{\"id\":\"1\",\"key\":\"" + key + "\",\"fields\":{\"labels\":[\"socialwire\"],\"comment\":{"
                + "\"comments\":[" + String.join(",", comments) + "],\"total\":" + comments.length + "}}}";
    }

    private static String comment(String id, String created, String author, String visibility, String text)
            throws Exception {
        return "{\"id\":\"" + id + "\",\"created\":\"" + created + "\",\"author\":{\"accountId\":\"" + author + "\"},"
                + (visibility == null ? "" : "\"visibility\":" + visibility + ",") + "\"body\":" + adf(text) + "}";
    }

    private static String adf(String text) throws Exception {
        return "{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\","
                + "\"text\":" + JSON.writeValueAsString(text) + "}]}]}";
    }

    private static Exchange exchange(String body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(body);
        return exchange;
    }
}
