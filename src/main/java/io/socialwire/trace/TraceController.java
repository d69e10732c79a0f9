package io.socialwire.trace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.socialwire.receipts.Receipt;
import io.socialwire.receipts.Receipts;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/trace/{interactionId}}: an interaction's timeline, from its trace (what dispatch decided) and its
 * receipts (its records and the replies sent back). {@code GET /api/trace?conversation=} or {@code ?author=}: the
 * interactions of a conversation or of an author's handle, newest first.
 */
@RestController
class TraceController {

    /** How each receiving route checks that an interaction came from its channel. */
    private static final Map<String, String> SIGNATURE_SCHEMES = Map.of(
            "generic-webhook", "Standard Webhooks (HMAC-SHA256)",
            "meta-webhook", "X-Hub-Signature-256 (HMAC-SHA256, app secret)",
            "x-webhook", "x-twitter-webhooks-signature (HMAC-SHA256, consumer secret)",
            "linkedin-webhook", "X-LI-Signature (HMAC-SHA256, client secret)");
    private static final String POLLED = "none (fetched by the hub with its own credentials)";

    private final Traces traces;
    private final Receipts receipts;

    TraceController(Traces traces, Receipts receipts) {
        this.traces = traces;
        this.receipts = receipts;
    }

    @GetMapping(path = "/api/trace/{interactionId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> trace(@PathVariable String interactionId) {
        if (interactionId.isBlank() || interactionId.length() > 512) {
            return ResponseEntity.badRequest().body(Map.of("error", "an interaction id is 1 to 512 characters"));
        }
        Trace trace = traces.of(interactionId).orElse(null);
        if (trace == null) {
            return ResponseEntity.status(404).body(Map.of("error", "no trace of interaction " + interactionId
                    + " (not received, not dispatched yet, or expired)"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("interactionId", trace.interactionId());
        body.put("conversationId", trace.conversationId());
        body.put("channel", trace.channel());
        body.put("author", trace.author());
        body.put("steps", steps(trace));
        return ResponseEntity.ok(body);
    }

    /** {@code ?interaction=}: the timeline of an id a path cannot hold (a Bluesky id has slashes). */
    @GetMapping(path = "/api/trace", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> search(@RequestParam(required = false) String interaction,
                                               @RequestParam(required = false) String conversation,
                                               @RequestParam(required = false) String author) {
        int given = (interaction != null ? 1 : 0) + (conversation != null ? 1 : 0) + (author != null ? 1 : 0);
        if (given != 1) {
            return ResponseEntity.badRequest().body(Map.of("error", "say which interactions, one of:"
                    + " ?interaction=<id>, ?conversation=<id> or ?author=<handle>"));
        }
        if (interaction != null) {
            return trace(interaction);
        }
        String value = conversation != null ? conversation : author;
        if (value.isBlank() || value.length() > 512) {
            return ResponseEntity.badRequest().body(Map.of("error",
                    (conversation != null ? "conversation" : "author") + " is 1 to 512 characters"));
        }
        List<Trace> found = conversation != null ? traces.ofConversation(conversation) : traces.ofAuthor(author);
        List<Map<String, Object>> interactions = found.stream().map(TraceController::summary).toList();
        return ResponseEntity.ok(Map.of("interactions", interactions));
    }

    private static Map<String, Object> summary(Trace trace) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("interactionId", trace.interactionId());
        summary.put("conversationId", trace.conversationId());
        summary.put("channel", trace.channel());
        summary.put("author", trace.author());
        summary.put("receivedAt", trace.receivedAt());
        summary.put("department", trace.decision() == null ? null : trace.decision().department());
        summary.put("rule", trace.decision() == null ? null : trace.decision().rule());
        return summary;
    }

    private List<Map<String, Object>> steps(Trace trace) {
        List<Map<String, Object>> steps = new ArrayList<>();
        if (trace.erasedAt() != null) {
            steps.add(step("erased", trace.erasedAt()));
            return steps;
        }
        Map<String, Object> received = step("received", trace.receivedAt());
        received.put("channel", trace.channel());
        received.put("kind", trace.kind());
        received.put("via", trace.via());
        received.put("signatureScheme", trace.via() == null ? null
                : SIGNATURE_SCHEMES.getOrDefault(trace.via(), POLLED));
        steps.add(received);
        if (trace.kafka() != null) {
            Map<String, Object> kafka = step("kafka", trace.receivedAt());
            kafka.put("topic", trace.kafka().topic());
            kafka.put("partition", trace.kafka().partition());
            kafka.put("offset", trace.kafka().offset());
            steps.add(kafka);
        }
        Trace.Decision decision = trace.decision();
        if (decision != null) {
            Map<String, Object> dispatched = step("dispatched", decision.at());
            dispatched.put("language", decision.language());
            dispatched.put("sentiment", decision.sentiment());
            dispatched.put("rule", decision.rule());
            dispatched.put("conditions", decision.conditions());
            dispatched.put("classifier", decision.classifier());
            dispatched.put("lowConfidence", decision.lowConfidence());
            dispatched.put("department", decision.department());
            dispatched.put("intent", decision.intent());
            dispatched.put("priority", decision.priority());
            dispatched.put("lane", decision.lane());
            steps.add(dispatched);
        }
        for (Receipt receipt : receipts.of(trace.interactionId())) {
            boolean record = Receipt.RECORD_ACTIONS.contains(receipt.action());
            Map<String, Object> step = step(record ? "record" : "reply", receipt.at());
            if (record) {
                step.put("system", receipt.system());
                step.put("recordId", receipt.recordId());
                step.put("number", receipt.number());
                step.put("url", receipt.recordUrl());
                step.put("action", receipt.action());
            } else {
                step.put("channel", receipt.system());
                step.put("replyId", receipt.recordId());
                step.put("url", receipt.recordUrl());
                step.put("outcome", receipt.action());
            }
            steps.add(step);
        }
        for (Trace later : traces.after(trace)) {
            Map<String, Object> followUp = step("followUp", later.receivedAt());
            followUp.put("interactionId", later.interactionId());
            steps.add(followUp);
        }
        steps.sort(Comparator.comparing(s -> (Instant) s.get("at"), Comparator.nullsFirst(Comparator.naturalOrder())));
        return steps;
    }

    private static Map<String, Object> step(String name, Instant at) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("step", name);
        step.put("at", at);
        return step;
    }
}
