package io.socialwire.deadletter;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * GET /api/dlq filtered by target, words of the reason and pending; GET /api/dlq/{id}: the newest entry of an
 * interaction with its payload, whose post, author and links are masked unless unmask=true.
 */
class DeadLetterControllerTest {

    private static final String PAYLOAD = "{\"id\":\"x:1\",\"channel\":\"x\",\"kind\":\"post\",\"externalId\":\"1\","
            + "\"conversationId\":\"x:1\",\"url\":\"https://x.com/ann/status/1\",\"text\":\"Ünïcode hurts, call me\","
            + "\"language\":\"en\",\"author\":{\"id\":\"42\",\"handle\":\"ann\",\"displayName\":\"Ann Example\","
            + "\"profileUrl\":\"https://x.com/ann\",\"followers\":12},\"attachments\":[{\"type\":\"image\","
            + "\"url\":\"https://img.example/ann.jpg\"}],\"enrichment\":{\"department\":\"support\"}}";
    private static final List<DeadLetter> ENTRIES = List.of(
            entry(1, "x:1", "servicenow", "HTTP 400 Invalid field short_description", null),
            entry(2, "x:2", "servicenow", "HTTP 503 Service Unavailable", Instant.parse("2026-12-03T11:00:00Z")),
            entry(3, "x:3", "salesforce", "HTTP 400 INVALID FIELD Subject", null));

    private final DeadLetterStore store = mock(DeadLetterStore.class);
    private final MockMvc api = MockMvcBuilders.standaloneSetup(new DeadLetterController(store, new ObjectMapper()))
            // as Spring Boot configures Jackson: dates as ISO-8601 text
            .setMessageConverters(new org.springframework.http.converter.json.MappingJackson2HttpMessageConverter(
                    org.springframework.http.converter.json.Jackson2ObjectMapperBuilder.json()
                            .featuresToDisable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                            .build()))
            .build();

    @Test
    @SuppressWarnings("unchecked")
    void theListIsFilteredByTargetAndByWordsOfTheReasonInAnyCase() throws Exception {
        when(store.list(any())).thenAnswer(call -> ENTRIES.stream()
                .filter(call.<Predicate<DeadLetter>>getArgument(0)).toList());

        api.perform(get("/api/dlq").param("reason", "invalid FIELD")).andExpect(status().isOk())
                .andExpect(jsonPath("$.count").value(2))
                .andExpect(jsonPath("$.entries[*].interactionId").value(contains("x:1", "x:3")));
        api.perform(get("/api/dlq").param("reason", "invalid").param("target", "servicenow"))
                .andExpect(jsonPath("$.entries[*].interactionId").value(contains("x:1")));
        api.perform(get("/api/dlq").param("target", "servicenow").param("pending", "true"))
                .andExpect(jsonPath("$.entries[*].interactionId").value(contains("x:1")));
        api.perform(get("/api/dlq")).andExpect(jsonPath("$.count").value(3));
    }

    @Test
    void anEntrysPayloadIsMaskedUnlessAskedOtherwise() throws Exception {
        when(store.newest("x:1")).thenReturn(Optional.of(new DeadLetterStore.WithPayload(ENTRIES.get(0), PAYLOAD)));

        api.perform(get("/api/dlq/x:1")).andExpect(status().isOk())
                .andExpect(jsonPath("$.entry.reason").value("HTTP 400 Invalid field short_description"))
                .andExpect(jsonPath("$.entry.attempts").value(3))
                .andExpect(jsonPath("$.entry.target").value("servicenow"))
                .andExpect(jsonPath("$.masked").value(true))
                .andExpect(jsonPath("$.payload.text").value("••• (22 characters)"))
                .andExpect(jsonPath("$.payload.url").value("•••"))
                .andExpect(jsonPath("$.payload.externalId").value("•••"))
                .andExpect(jsonPath("$.payload.author.handle").value("•••"))
                .andExpect(jsonPath("$.payload.author.displayName").value("•••"))
                .andExpect(jsonPath("$.payload.author.profileUrl").value("•••"))
                .andExpect(jsonPath("$.payload.author.id").value("•••"))
                .andExpect(jsonPath("$.payload.author.followers").value(12))
                .andExpect(jsonPath("$.payload.attachments[0].type").value("image"))
                .andExpect(jsonPath("$.payload.attachments[0].url").value("•••"))
                .andExpect(jsonPath("$.payload.channel").value("x"))
                .andExpect(jsonPath("$.payload.enrichment.department").value("support"))
                .andExpect(content().string(not(containsString("Ann Example"))))
                .andExpect(content().string(not(containsString("call me"))));

        api.perform(get("/api/dlq/x:1").param("unmask", "true")).andExpect(status().isOk())
                .andExpect(jsonPath("$.masked").value(false))
                .andExpect(jsonPath("$.payload.text").value("Ünïcode hurts, call me"))
                .andExpect(jsonPath("$.payload.author.displayName").value("Ann Example"));
    }

    @Test
    void anIdWithSlashesIsAskedForAsAParameterAndBadParametersAre400() throws Exception {
        String bluesky = "bluesky:at://did:plc:abc/app.bsky.feed.post/3k";
        when(store.newest(bluesky)).thenReturn(Optional.of(new DeadLetterStore.WithPayload(ENTRIES.get(0), PAYLOAD)));

        api.perform(get("/api/dlq/entry").param("interaction", bluesky)).andExpect(status().isOk())
                .andExpect(jsonPath("$.payload.author.handle").value("•••"));
        api.perform(get("/api/dlq/entry")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("?interaction= is required"));
        api.perform(get("/api/dlq/x:1").param("unmask", "maybe")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("unmask must be true or false"));
    }

    @Test
    void anInteractionWithoutDeadLetterIs404() throws Exception {
        when(store.newest("x:9")).thenReturn(Optional.empty());

        api.perform(get("/api/dlq/x:9")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value("no dead letter of interaction x:9"));
    }

    private static DeadLetter entry(long offset, String id, String target, String reason, Instant replayedAt) {
        return new DeadLetter(offset, id, target, reason, 3, Instant.parse("2026-12-03T10:00:00Z"), "0@" + offset,
                replayedAt);
    }
}
