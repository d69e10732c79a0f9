package io.socialwire.emulator.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.emulator.CreatedRecords;
import io.socialwire.emulator.EmulatorProperties;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The Graph API emulator: the Page's comment replies, Instagram replies, the Send API and its window. */
class MetaGraphEmulatorTest {

    private static final String TOKEN = "page-token";
    private static final String BEARER = "Bearer " + TOKEN;

    @TempDir
    Path dataDir;

    private final Clock clock = Clock.systemUTC();
    private final CreatedRecords created = new CreatedRecords(clock);

    @Test
    void aPageRepliesToAnyFacebookCommentAndReadsItsRepliesBack() throws Exception {
        MockMvc meta = emulator();

        String first = meta.perform(post("/emulators/meta/v21.0/111_222/comments").header(HttpHeaders.AUTHORIZATION,
                        BEARER).contentType(MediaType.APPLICATION_JSON).content("{\"message\":\"Sorry, Maria!\"}"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-App-Usage", Matchers.matchesPattern(
                        "\\{\"call_count\":[0-9],\"total_time\":0,\"total_cputime\":0}")))
                .andExpect(jsonPath("$.id").value(Matchers.matchesPattern("222_\\d+")))
                .andReturn().getResponse().getContentAsString();
        meta.perform(post("/emulators/meta/v19.0/111_222/comments").param("access_token", TOKEN)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("message", "A new one ships today."))
                .andExpect(status().isOk());
        meta.perform(post("/emulators/meta/v21.0/333_444/comments").header(HttpHeaders.AUTHORIZATION, BEARER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"message\":\"elsewhere\"}"))
                .andExpect(status().isOk());

        meta.perform(get("/emulators/meta/v21.0/111_222/comments").param("access_token", TOKEN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.length()").value(2))
                .andExpect(jsonPath("$.data[0].id").value(new ObjectMapper().readTree(first).path("id").asText()))
                .andExpect(jsonPath("$.data[0].message").value("Sorry, Maria!"))
                .andExpect(jsonPath("$.data[0].from.id").value("1000000000000001"))
                .andExpect(jsonPath("$.data[0].from.name").value("Acme"))
                .andExpect(jsonPath("$.data[0].created_time").value(Matchers.matchesPattern(
                        "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000")))
                .andExpect(jsonPath("$.data[1].message").value("A new one ships today."))
                .andExpect(jsonPath("$.paging.cursors.after").isNotEmpty());
        String firstPage = meta.perform(get("/emulators/meta/v21.0/111_222/comments").param("limit", "1")
                        .header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(jsonPath("$.data.length()").value(1))
                .andExpect(jsonPath("$.paging.next").isNotEmpty())
                .andReturn().getResponse().getContentAsString();
        String after = new ObjectMapper().readTree(firstPage).path("paging").path("cursors").path("after").asText();
        meta.perform(get("/emulators/meta/v21.0/111_222/comments").param("limit", "1").param("after", after)
                        .header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(jsonPath("$.data[0].message").value("A new one ships today."))
                .andExpect(jsonPath("$.paging.next").doesNotExist());
        assertThat(created.after(0, null, 10).records()).extracting(CreatedRecords.Created::system,
                CreatedRecords.Created::type).containsOnly(org.assertj.core.groups.Tuple.tuple("meta", "comment"));
    }

    @Test
    void theInstagramAccountRepliesToAComment() throws Exception {
        MockMvc meta = emulator();

        String id = meta.perform(post("/emulators/meta/v21.0/17858893269000001/replies")
                        .header(HttpHeaders.AUTHORIZATION, BEARER).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"message\":\"Thanks for the photo!\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(Matchers.matchesPattern("\\d+")))
                .andReturn().getResponse().getContentAsString();

        meta.perform(get("/emulators/meta/v21.0/17858893269000001/replies").header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(jsonPath("$.data[0].id").value(new ObjectMapper().readTree(id).path("id").asText()))
                .andExpect(jsonPath("$.data[0].text").value("Thanks for the photo!"))
                .andExpect(jsonPath("$.data[0].username").value("acme"))
                .andExpect(jsonPath("$.data[0].timestamp").isNotEmpty());
        meta.perform(get("/emulators/meta/v21.0/17858893269000001/comments").header(HttpHeaders.AUTHORIZATION,
                        BEARER))
                .andExpect(jsonPath("$.data.length()").value(0));
    }

    @Test
    void aWrongOrMissingTokenAndAMissingMessageAreGraphErrors() throws Exception {
        MockMvc meta = emulator();

        expectError(meta.perform(post("/emulators/meta/v21.0/111_222/comments")
                .header(HttpHeaders.AUTHORIZATION, "Bearer wrong").contentType(MediaType.APPLICATION_JSON)
                .content("{\"message\":\"hi\"}")), 190, "Invalid OAuth access token - Cannot parse access token");
        expectError(meta.perform(get("/emulators/meta/v21.0/111_222/comments")), 190,
                "Invalid OAuth access token - Cannot parse access token");
        expectError(meta.perform(post("/emulators/meta/v21.0/111_222/comments")
                .header(HttpHeaders.AUTHORIZATION, BEARER).contentType(MediaType.APPLICATION_JSON)
                .content("{\"message\":\"  \"}")), 100, "(#100) Missing message or attachment");
        expectError(meta.perform(post("/emulators/meta/v21.0/17858893269000001/replies")
                .header(HttpHeaders.AUTHORIZATION, BEARER).contentType(MediaType.APPLICATION_JSON)
                .content("{}")), 100, "(#100) The parameter message is required");
        meta.perform(post("/emulators/meta/latest/111_222/comments").header(HttpHeaders.AUTHORIZATION, BEARER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"message\":\"hi\"}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void aReplyToADeletedPostIsRefusedEvenAfterARestart() throws Exception {
        emulator().perform(delete("/emulators/meta/_objects/111_999")).andExpect(status().isNoContent());

        expectError(emulator().perform(post("/emulators/meta/v21.0/111_999/comments")
                .header(HttpHeaders.AUTHORIZATION, BEARER).contentType(MediaType.APPLICATION_JSON)
                .content("{\"message\":\"hi\"}")), 100, Matchers.startsWith(
                        "Unsupported post request. Object with ID '111_999' does not exist"))
                .andExpect(jsonPath("$.error.error_subcode").value(33));
    }

    @Test
    void messengerAnswersWithinTheStandardWindowAndAsAHumanAgentWithinSevenDays() throws Exception {
        MockMvc meta = emulator();
        person(meta, "7001", Instant.now().minus(Duration.ofHours(23)));
        person(meta, "7002", Instant.now().minus(Duration.ofHours(25)));
        person(meta, "7003", Instant.now().minus(Duration.ofDays(8)));

        send(meta, "7001", "RESPONSE", null, "Your refund is on its way.")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recipient_id").value("7001"))
                .andExpect(jsonPath("$.message_id").value(Matchers.startsWith("m_")));
        // a person the emulator has not heard of has just written
        send(meta, "7999", "RESPONSE", null, "Hello!").andExpect(status().isOk());
        expectError(send(meta, "7002", "RESPONSE", null, "Too late for a standard answer"), 10,
                "(#10) This message is sent outside of allowed window.")
                .andExpect(jsonPath("$.error.error_subcode").value(2018278));
        send(meta, "7002", "MESSAGE_TAG", "HUMAN_AGENT", "An agent answers within 7 days.")
                .andExpect(status().isOk());
        expectError(send(meta, "7003", "MESSAGE_TAG", "HUMAN_AGENT", "A week is over"), 10,
                "(#10) This message is sent outside of allowed window.");
        expectError(send(meta, "7001", "MESSAGE_TAG", null, "no tag"), 100,
                Matchers.startsWith("(#100) Param tag is required"));

        MockMvc restarted = emulator();

        restarted.perform(get("/emulators/meta/v21.0/me/messages").param("recipient", "7002")
                        .header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(jsonPath("$.data.length()").value(1))
                .andExpect(jsonPath("$.data[0].text").value("An agent answers within 7 days."))
                .andExpect(jsonPath("$.data[0].messaging_type").value("MESSAGE_TAG"))
                .andExpect(jsonPath("$.data[0].tag").value("HUMAN_AGENT"));
        // what the emulator learned about 7002 survives the restart too
        expectError(send(restarted, "7002", "RESPONSE", null, "still too late"), 10,
                "(#10) This message is sent outside of allowed window.");
        restarted.perform(put("/emulators/meta/_people/7002").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"last_message_at\":\"yesterday\"}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void theSendApiRefusesAMessageWithoutRecipientOrText() throws Exception {
        MockMvc meta = emulator();
        expectError(meta.perform(post("/emulators/meta/v21.0/me/messages").header(HttpHeaders.AUTHORIZATION, BEARER)
                .contentType(MediaType.APPLICATION_JSON).content("{\"message\":{\"text\":\"hi\"}}")), 100,
                "(#100) The parameter recipient is required");
        expectError(meta.perform(post("/emulators/meta/v21.0/me/messages").param("access_token", TOKEN)
                .contentType(MediaType.APPLICATION_JSON).content("{\"recipient\":{\"id\":\"7001\"}}")), 100,
                "(#100) The parameter message is required");
    }

    private ResultActions send(MockMvc meta, String psid, String type, String tag, String text) throws Exception {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("recipient", Map.of("id", psid));
        body.put("messaging_type", type);
        if (tag != null) {
            body.put("tag", tag);
        }
        body.put("message", Map.of("text", text));
        return meta.perform(post("/emulators/meta/v21.0/me/messages").header(HttpHeaders.AUTHORIZATION, BEARER)
                .contentType(MediaType.APPLICATION_JSON).content(new ObjectMapper().writeValueAsString(body)));
    }

    private static void person(MockMvc meta, String psid, Instant lastMessageAt) throws Exception {
        meta.perform(put("/emulators/meta/_people/" + psid).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"last_message_at\":\"" + lastMessageAt + "\"}"))
                .andExpect(status().isNoContent());
    }

    private static ResultActions expectError(ResultActions result, int code, String message) throws Exception {
        return expectError(result, code, Matchers.equalTo(message));
    }

    private static ResultActions expectError(ResultActions result, int code, org.hamcrest.Matcher<String> message)
            throws Exception {
        return result.andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error.type").value("OAuthException"))
                .andExpect(jsonPath("$.error.code").value(code))
                .andExpect(jsonPath("$.error.message").value(message))
                .andExpect(jsonPath("$.error.fbtrace_id").isNotEmpty());
    }

    private MockMvc emulator() {
        EmulatorProperties properties = new EmulatorProperties(true, dataDir.toString(), "u", "p", "c", "s",
                "/emulators/servicenow", "/emulators/salesforce", List.of("incident"), Map.of(), 15000, null, null);
        return MockMvcBuilders.standaloneSetup(new MetaGraphEmulator(TOKEN, "1000000000000001", "Acme", "acme", 4800,
                clock, created, properties)).build();
    }
}
