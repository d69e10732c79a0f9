package io.socialwire;

import static io.socialwire.support.Payloads.canonical;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The loop closed from Jira, where it is configured (SOCIALWIRE_REPLIES_JIRA=true): a product idea posted on X became
 * an issue in the product project; the product team's public comment on it goes back to X as the brand, threaded
 * under the post, and the issue gets a note restricted to a role. A restricted comment of the team and the hub's own
 * follow-up comment are never sent.
 */
@DirtiesContext
@TestPropertySource(properties = "SOCIALWIRE_REPLIES_JIRA=true")
class JiraRepliesIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LOOP = Duration.ofSeconds(40);

    @Test
    void theProductTeamsPublicCommentIsAnsweredOnXAndNotedOnTheIssueRestrictedAndNothingElseIs() throws Exception {
        HubClient hub = hub();
        String run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000L);
        String tweet = "19" + run + "31";
        assertThat(hub.sendGeneric(canonical("x", "mention", tweet, null, "u" + run, "cust" + run,
                "Feature request: please add a dark mode to the app")).statusCode()).isEqualTo(200);
        String key = await().atMost(LOOP).until(() -> hub.jiraIssues("project = SOC AND labels = \"sw-conversation-x:"
                + tweet + "\""), issues -> !issues.isEmpty()).get(0).path("key").asText();

        // the team's internal comment, and the customer again on X: the hub's own follow-up comment on the issue
        hub.jiraAgent("POST", "/issue/" + key + "/comment", comment("Needs a design spike first",
                "{\"type\":\"role\",\"value\":\"Developers\"}"));
        assertThat(hub.sendGeneric(canonical("x", "reply", "19" + run + "32", "x:" + tweet, "u" + run, "cust" + run,
                "Also a keyboard shortcut please")).statusCode()).isEqualTo(200);
        await().atMost(LOOP).until(() -> comments(hub, key).stream()
                .anyMatch(c -> c.toString().contains("(socialwire:x:19" + run + "32)")));
        // the team answers in public
        hub.jiraAgent("POST", "/issue/" + key + "/comment", comment("Dark mode ships in March!", null));

        JsonNode note = await().atMost(LOOP).pollInterval(Duration.ofMillis(100))
                .until(() -> notes(hub, key), notes -> !notes.isEmpty()).get(0);
        String url = text(note).substring("Replied on X: ".length());
        assertThat(url).startsWith("https://x.com/i/web/status/");
        assertThat(note.path("visibility").path("type").asText()).isEqualTo("role");
        assertThat(note.path("visibility").path("value").asText()).isEqualTo("Administrators");
        JsonNode posted = hub.x("/2/tweets/" + url.substring(url.lastIndexOf('/') + 1)).path("data");
        assertThat(posted.path("text").asText()).isEqualTo("Dark mode ships in March!");
        assertThat(posted.path("referenced_tweets").get(0).path("type").asText()).isEqualTo("replied_to");
        assertThat(posted.path("referenced_tweets").get(0).path("id").asText()).isEqualTo(tweet);
        assertThat(posted.path("author_id").asText()).as("posted as the brand").isEqualTo(hub.xBrandId());

        // comments are read in order: by the time the public one was posted, the others were read and passed over
        assertThat(hub.xBrandRepliesTo(tweet)).extracting(t -> t.path("text").asText())
                .containsExactly("Dark mode ships in March!");
        assertThat(notes(hub, key)).as("noted once").hasSize(1);
        assertThat(hub.whereDid("x:" + tweet).body()).contains("\"action\":\"replied\"").contains(url);
    }

    private static String comment(String text, String visibility) throws Exception {
        return "{" + (visibility == null ? "" : "\"visibility\":" + visibility + ",")
                + "\"body\":{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":"
                + "[{\"type\":\"text\",\"text\":" + JSON.writeValueAsString(text) + "}]}]}}";
    }

    private static List<JsonNode> comments(HubClient hub, String key) {
        List<JsonNode> comments = new ArrayList<>();
        hub.jira("GET", "/issue/" + key + "/comment", null).path("comments").forEach(comments::add);
        return comments;
    }

    private static List<JsonNode> notes(HubClient hub, String key) {
        return comments(hub, key).stream().filter(c -> text(c).startsWith("Replied on X: ")).toList();
    }

    private static String text(JsonNode comment) {
        return comment.path("body").path("content").path(0).path("content").path(0).path("text").asText();
    }
}
