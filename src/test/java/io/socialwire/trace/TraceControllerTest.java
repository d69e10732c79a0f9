package io.socialwire.trace;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.socialwire.model.Sentiment;
import io.socialwire.receipts.Receipt;
import io.socialwire.receipts.Receipts;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * GET /api/trace/{id} and GET /api/trace?conversation=|author=: the timeline assembled from the trace dispatch wrote
 * and the receipts, in time order; searches answer summaries; bad questions a 400 with the reason.
 */
class TraceControllerTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-03T10:00:00Z");

    private final Traces traces = mock(Traces.class);
    private final Receipts receipts = mock(Receipts.class);
    private final MockMvc api = MockMvcBuilders.standaloneSetup(new TraceController(traces, receipts))
            // as Spring Boot configures Jackson: dates as ISO-8601 text
            .setMessageConverters(new org.springframework.http.converter.json.MappingJackson2HttpMessageConverter(
                    org.springframework.http.converter.json.Jackson2ObjectMapperBuilder.json()
                            .featuresToDisable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                            .build())).build();

    @Test
    void theTimelineShowsReceiptKafkaDecisionRecordReplyAndFollowUpInTimeOrder() throws Exception {
        Trace trace = trace("x:1", "x:1", "generic-webhook", RECEIVED);
        when(traces.of("x:1")).thenReturn(Optional.of(trace));
        when(traces.after(trace)).thenReturn(List.of(trace("x:2", "x:1", "x-v2-mentions", RECEIVED.plusSeconds(60))));
        when(receipts.of("x:1")).thenReturn(List.of(
                new Receipt("x:1", "x:1", "servicenow", "a1b2c3", "https://sn.example/a1b2c3", "created",
                        RECEIVED.plusSeconds(3), "INC0010001"),
                new Receipt("x:1", "x:1", "x", "servicenow:abc", "https://x.example/status/9", "reply_posted",
                        RECEIVED.plusSeconds(300))));

        api.perform(get("/api/trace/x:1")).andExpect(status().isOk())
                .andExpect(jsonPath("$.interactionId").value("x:1"))
                .andExpect(jsonPath("$.author.handle").value("ann"))
                .andExpect(jsonPath("$.steps[*].step").value(contains("received", "kafka", "dispatched", "record",
                        "followUp", "reply")))
                .andExpect(jsonPath("$.steps[0].at").value("2026-12-03T10:00:00Z"))
                .andExpect(jsonPath("$.steps[0].kind").value("post"))
                .andExpect(jsonPath("$.steps[0].via").value("generic-webhook"))
                .andExpect(jsonPath("$.steps[0].signatureScheme").value("Standard Webhooks (HMAC-SHA256)"))
                .andExpect(jsonPath("$.steps[1].topic").value("socialwire.interactions"))
                .andExpect(jsonPath("$.steps[1].partition").value(2))
                .andExpect(jsonPath("$.steps[1].offset").value(17))
                .andExpect(jsonPath("$.steps[2].rule").value("support-outage"))
                .andExpect(jsonPath("$.steps[2].conditions[0]").value("text matches 'down'"))
                .andExpect(jsonPath("$.steps[2].classifier").value(nullValue()))
                .andExpect(jsonPath("$.steps[2].lowConfidence").value(false))
                .andExpect(jsonPath("$.steps[2].department").value("support"))
                .andExpect(jsonPath("$.steps[2].priority").value(1))
                .andExpect(jsonPath("$.steps[2].lane").value("support"))
                .andExpect(jsonPath("$.steps[2].sentiment.label").value("negative"))
                .andExpect(jsonPath("$.steps[3].system").value("servicenow"))
                .andExpect(jsonPath("$.steps[3].recordId").value("a1b2c3"))
                .andExpect(jsonPath("$.steps[3].number").value("INC0010001"))
                .andExpect(jsonPath("$.steps[3].url").value("https://sn.example/a1b2c3"))
                .andExpect(jsonPath("$.steps[3].action").value("created"))
                .andExpect(jsonPath("$.steps[4].interactionId").value("x:2"))
                .andExpect(jsonPath("$.steps[5].channel").value("x"))
                .andExpect(jsonPath("$.steps[5].outcome").value("reply_posted"))
                .andExpect(jsonPath("$.steps[5].url").value("https://x.example/status/9"));
    }

    @Test
    void aPolledInteractionSaysNoSignatureWasChecked() throws Exception {
        when(traces.of("x:5")).thenReturn(Optional.of(trace("x:5", "x:5", "x-v2-mentions", RECEIVED)));

        api.perform(get("/api/trace/x:5")).andExpect(status().isOk())
                .andExpect(jsonPath("$.steps[0].signatureScheme").value(containsString("none")));
    }

    @Test
    void anErasedInteractionShowsOnlyItsErasureAndNoAuthor() throws Exception {
        when(traces.of("x:1")).thenReturn(Optional.of(trace("x:1", "x:1", "generic-webhook", RECEIVED)
                .erased(RECEIVED.plusSeconds(3600))));

        api.perform(get("/api/trace/x:1")).andExpect(status().isOk())
                .andExpect(jsonPath("$.author").value(nullValue()))
                .andExpect(jsonPath("$.steps", hasSize(1)))
                .andExpect(jsonPath("$.steps[0].step").value("erased"))
                .andExpect(jsonPath("$.steps[0].at").value("2026-12-03T11:00:00Z"));
    }

    @Test
    void anIdWithSlashesIsAskedForAsAParameter() throws Exception {
        String bluesky = "bluesky:at://did:plc:abc/app.bsky.feed.post/3k";
        when(traces.of(bluesky)).thenReturn(Optional.of(trace(bluesky, bluesky, "bluesky-jetstream", RECEIVED)));

        api.perform(get("/api/trace").param("interaction", bluesky)).andExpect(status().isOk())
                .andExpect(jsonPath("$.interactionId").value(bluesky))
                .andExpect(jsonPath("$.steps[0].via").value("bluesky-jetstream"));
    }

    @Test
    void anUnknownInteractionIs404WithTheReason() throws Exception {
        when(traces.of("x:404")).thenReturn(Optional.empty());

        api.perform(get("/api/trace/x:404")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value(containsString("no trace of interaction x:404")));
    }

    @Test
    void aSearchAnswersSummariesNewestFirst() throws Exception {
        when(traces.ofAuthor("@ann")).thenReturn(List.of(trace("x:2", "x:1", "x-webhook", RECEIVED.plusSeconds(60)),
                trace("x:1", "x:1", "generic-webhook", RECEIVED)));

        api.perform(get("/api/trace").param("author", "@ann")).andExpect(status().isOk())
                .andExpect(jsonPath("$.interactions[*].interactionId").value(contains("x:2", "x:1")))
                .andExpect(jsonPath("$.interactions[0].conversationId").value("x:1"))
                .andExpect(jsonPath("$.interactions[0].receivedAt").value("2026-12-03T10:01:00Z"))
                .andExpect(jsonPath("$.interactions[0].department").value("support"))
                .andExpect(jsonPath("$.interactions[0].rule").value("support-outage"))
                .andExpect(jsonPath("$.interactions[0].author.handle").value("ann"));
    }

    @Test
    void aSearchNeedsExactlyOneOfConversationAndAuthor() throws Exception {
        api.perform(get("/api/trace")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("?conversation=<id> or ?author=<handle>")));
        api.perform(get("/api/trace").param("interaction", "x:1").param("author", "ann"))
                .andExpect(status().isBadRequest());
        api.perform(get("/api/trace").param("author", "ann").param("conversation", "x:1"))
                .andExpect(status().isBadRequest());
        api.perform(get("/api/trace").param("conversation", " ")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("conversation is 1 to 512 characters"));
    }

    private static Trace trace(String id, String conversation, String via, Instant received) {
        return new Trace(id, conversation, "x", "post", new Trace.Author("42", "ann"), received, via,
                new Trace.Kafka("socialwire.interactions", 2, 17),
                new Trace.Decision(received.plusSeconds(1), "en", new Sentiment(-0.7, "negative"), "support-outage",
                        List.of("text matches 'down'"), null, false, "support", "outage", 1, "support"),
                null);
    }
}
