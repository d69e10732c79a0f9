package io.socialwire.emulator.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.emulator.EmulatorProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The X emulator's tweet lookup, user timelines, deletion, its ids, and its tweets across a restart. */
class XEmulatorTest {

    private static final String APP = "Bearer app-token";

    @TempDir
    Path dataDir;

    @Test
    void looksUpATweetByIdWithTheFieldsSearchAnswers() throws Exception {
        MockMvc x = emulator();
        String id = tweet(x, "maria_dev", "@acme what is your pricing?");

        x.perform(get("/emulators/x/2/tweets/" + id).param("expansions", "author_id")
                        .header(HttpHeaders.AUTHORIZATION, APP))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.id").value(id))
                .andExpect(jsonPath("$.data.text").value("@acme what is your pricing?"))
                .andExpect(jsonPath("$.data.conversation_id").value(id))
                .andExpect(jsonPath("$.data.edit_history_tweet_ids[0]").value(id))
                .andExpect(jsonPath("$.data.created_at").isNotEmpty())
                .andExpect(jsonPath("$.includes.users[0].username").value("maria_dev"));
        String search = x.perform(get("/emulators/x/2/tweets/search/recent").param("query", "pricing")
                .header(HttpHeaders.AUTHORIZATION, APP)).andReturn().getResponse().getContentAsString();
        String lookup = x.perform(get("/emulators/x/2/tweets/" + id).header(HttpHeaders.AUTHORIZATION, APP))
                .andReturn().getResponse().getContentAsString();
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(lookup).path("data")).isEqualTo(json.readTree(search).path("data").path(0));
    }

    @Test
    void anUnknownIdIsXsResourceNotFoundError() throws Exception {
        emulator().perform(get("/emulators/x/2/tweets/1900000000000099999").header(HttpHeaders.AUTHORIZATION, APP))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"errors":[{"value":"1900000000000099999",
                          "detail":"Could not find tweet with id: [1900000000000099999].",
                          "title":"Not Found Error","resource_type":"tweet","parameter":"id",
                          "resource_id":"1900000000000099999",
                          "type":"https://api.twitter.com/2/problems/resource-not-found"}]}""", true));
        emulator().perform(get("/emulators/x/2/tweets/1900000000000000001")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer wrong"))
                .andExpect(status().isUnauthorized());
    }

    /** Following the README in order: the sales question sent to the generic webhook, then a tweet at the brand. */
    @Test
    void idsAreNoneAnExampleOfTheDocsUses() throws Exception {
        List<String> ids = Stream.of(tweet(emulator(), "maria_dev", "@acme hello"), tweet(emulator(), "x", "hi"))
                .toList();
        Pattern number = Pattern.compile("\\b\\d{15,}\\b");
        try (Stream<Path> docs = Stream.concat(Stream.of(Path.of("README.md")), Files.walk(Path.of("docs")))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).toList()) {
                Matcher used = number.matcher(Files.readString(doc));
                while (used.find()) {
                    assertThat(new BigInteger(used.group())).as(doc + " uses " + used.group())
                            .isLessThan(BigInteger.valueOf(XEmulator.FIRST_ID));
                }
            }
        }
        assertThat(ids).allSatisfy(id -> assertThat(Long.parseLong(id)).isGreaterThan(XEmulator.FIRST_ID));
    }

    @Test
    void tweetsUsersAndDirectMessagesSurviveARestart() throws Exception {
        MockMvc before = emulator();
        String first = tweet(before, "restart_fan", "@acme before the restart");
        before.perform(post("/emulators/x/2/dm_conversations/with/1000/messages")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer user:restart_fan")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"a private question\"}"))
                .andExpect(status().isCreated());

        MockMvc after = emulator();

        after.perform(get("/emulators/x/2/tweets/" + first).param("expansions", "author_id")
                        .header(HttpHeaders.AUTHORIZATION, APP))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.text").value("@acme before the restart"))
                .andExpect(jsonPath("$.includes.users[0].username").value("restart_fan"));
        after.perform(get("/emulators/x/1.1/direct_messages/events/list.json")
                        .header(HttpHeaders.AUTHORIZATION, "OAuth oauth_signature=\"s\""))
                .andExpect(jsonPath("$.events[0].message_create.message_data.text").value("a private question"));
        String next = tweet(after, "restart_fan", "@acme after the restart");
        // after the tweet and the direct message: ids go on from the last one given
        assertThat(Long.parseLong(next)).isEqualTo(Long.parseLong(first) + 2);
    }

    @Test
    void aUsersTimelineListsItsRepliesNewestFirstWithTheTweetTheyAnswer() throws Exception {
        MockMvc x = emulator();
        String question = tweet(x, "maria_dev", "@acme where is my order?");
        String acmeId = userId(x, "acme");
        String first = reply(x, "acme", "We are on it, Maria.", question);
        tweet(x, "maria_dev", "@acme thanks");
        String second = reply(x, "acme", "It ships today.", first);

        x.perform(get("/emulators/x/2/users/" + acmeId + "/tweets").param("max_results", "5")
                        .param("tweet.fields", "referenced_tweets,conversation_id,created_at,author_id")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer user:acme"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.length()").value(2))
                .andExpect(jsonPath("$.data[0].id").value(second))
                .andExpect(jsonPath("$.data[0].author_id").value(acmeId))
                .andExpect(jsonPath("$.data[0].conversation_id").value(question))
                .andExpect(jsonPath("$.data[0].referenced_tweets[0].type").value("replied_to"))
                .andExpect(jsonPath("$.data[0].referenced_tweets[0].id").value(first))
                .andExpect(jsonPath("$.data[1].referenced_tweets[0].id").value(question))
                .andExpect(jsonPath("$.data[1].created_at").isNotEmpty())
                .andExpect(jsonPath("$.meta.newest_id").value(second))
                .andExpect(header().exists("x-rate-limit-remaining"));
        x.perform(get("/emulators/x/2/users/" + acmeId + "/tweets").param("since_id", first)
                        .header(HttpHeaders.AUTHORIZATION, APP))
                .andExpect(jsonPath("$.data.length()").value(1))
                .andExpect(jsonPath("$.data[0].id").value(second));
        x.perform(get("/emulators/x/2/users/" + acmeId + "/tweets").param("max_results", "2")
                        .header(HttpHeaders.AUTHORIZATION, APP))
                .andExpect(status().isBadRequest());
        x.perform(get("/emulators/x/2/users/" + acmeId + "/tweets").header(HttpHeaders.AUTHORIZATION, "Bearer nope"))
                .andExpect(status().isUnauthorized());
        x.perform(get("/emulators/x/2/users/999999/tweets").header(HttpHeaders.AUTHORIZATION, APP))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.title").value("Not Found Error"));
    }

    @Test
    void aReplyToADeletedTweetIsRefusedEvenAfterARestart() throws Exception {
        MockMvc x = emulator();
        String question = tweet(x, "maria_dev", "@acme never mind");
        x.perform(delete("/emulators/x/2/tweets/" + question).header(HttpHeaders.AUTHORIZATION, "Bearer user:acme"))
                .andExpect(status().isForbidden());
        x.perform(delete("/emulators/x/2/tweets/" + question)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer user:maria_dev"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.deleted").value(true));

        MockMvc restarted = emulator();

        restarted.perform(post("/emulators/x/2/tweets").header(HttpHeaders.AUTHORIZATION, "Bearer user:acme")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"Sorry to hear\",\"reply\":{\"in_reply_to_tweet_id\":\""
                                + question + "\"}}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail")
                        .value("You attempted to reply to a Tweet that is deleted or not visible to you."));
        restarted.perform(get("/emulators/x/2/tweets/" + question).header(HttpHeaders.AUTHORIZATION, APP))
                .andExpect(jsonPath("$.errors[0].resource_id").value(question));
    }

    private static String reply(MockMvc x, String user, String text, String inReplyTo) throws Exception {
        String body = x.perform(post("/emulators/x/2/tweets").header(HttpHeaders.AUTHORIZATION, "Bearer user:" + user)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(new ObjectMapper().writeValueAsString(Map.of("text", text,
                                "reply", Map.of("in_reply_to_tweet_id", inReplyTo)))))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return new ObjectMapper().readTree(body).path("data").path("id").asText();
    }

    private static String userId(MockMvc x, String username) throws Exception {
        String body = x.perform(get("/emulators/x/2/users/by/username/" + username)
                .header(HttpHeaders.AUTHORIZATION, APP)).andReturn().getResponse().getContentAsString();
        return new ObjectMapper().readTree(body).path("data").path("id").asText();
    }

    private static String tweet(MockMvc x, String user, String text) throws Exception {
        String body = x.perform(post("/emulators/x/2/tweets").header(HttpHeaders.AUTHORIZATION, "Bearer user:" + user)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(new ObjectMapper().writeValueAsString(Map.of("text", text))))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return new ObjectMapper().readTree(body).path("data").path("id").asText();
    }

    private MockMvc emulator() {
        EmulatorProperties properties = new EmulatorProperties(true, dataDir.toString(), "u", "p", "c", "s",
                "/emulators/servicenow", "/emulators/salesforce", List.of("incident"), Map.of(), 15000, null, null);
        return MockMvcBuilders.standaloneSetup(new XEmulator("app-token", 450, Clock.systemUTC(), properties))
                .build();
    }
}
