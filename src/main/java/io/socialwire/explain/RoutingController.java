package io.socialwire.explain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.enrichment.Enricher;
import io.socialwire.model.Enrichment;
import io.socialwire.model.SocialInteraction;
import io.socialwire.routing.Router;
import io.socialwire.routing.RoutingRules;
import io.socialwire.routing.RulesException;
import io.socialwire.webhook.JsonFields;
import io.socialwire.webhook.WebhookRejectedException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/routing/explain}: what the active rules decide for a post (or a canonical interaction), and
 * why: the department, priority, target, the rule and the conditions of it that held. Nothing is written.
 * {@code GET /api/routing}: which rules are active, and the last refused edit.
 */
@RestController
class RoutingController {

    /** How many examples like the post an explanation shows. */
    private static final int NEAREST = 3;

    /** A rule set to try: the text of a routing.yaml. */
    record TestsRequest(String rules) {
    }

    private final Enricher enricher;
    private final Router router;
    private final RoutingTests tests;
    private final ObjectMapper json;
    private final Map<String, String> targets;

    RoutingController(Enricher enricher, Router router, RoutingTests tests, ObjectMapper json,
                      Environment environment) {
        this.enricher = enricher;
        this.router = router;
        this.tests = tests;
        this.json = json;
        this.targets = Binder.get(environment).bind("socialwire.routing.targets",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of());
    }

    @PostMapping(path = "/api/routing/explain", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> explain(@RequestBody(required = false) byte[] body) throws JsonProcessingException {
        JsonNode post = JsonFields.parseObject(json, body == null ? new byte[0] : body);
        JsonFields.requireText(post, "text", "$");
        SocialInteraction interaction = json.treeToValue(post, SocialInteraction.class);
        if (interaction.channel() == null) {
            interaction = new SocialInteraction(interaction.id(), "generic", interaction.kind(),
                    interaction.externalId(), interaction.conversationId(), interaction.inReplyToId(),
                    interaction.url(), interaction.createdAt(), interaction.text(), interaction.language(),
                    interaction.author(), interaction.attachments(), interaction.rating(), null);
        }
        Enricher.Explained explained = enricher.explain(interaction);
        Enrichment decision = explained.interaction().enrichment();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("department", decision.department());
        answer.put("priority", decision.priority());
        answer.put("intent", decision.intent());
        answer.put("target", targets.getOrDefault(decision.department(),
                "route department-" + decision.department()));
        answer.put("rule", decision.matchedRule());
        answer.put("conditions", explained.conditions());
        answer.put("language", explained.interaction().language());
        answer.put("sentiment", decision.sentiment());
        if (explained.probabilities() != null) {
            Map<String, Object> classifier = new LinkedHashMap<>();
            classifier.put("departments", explained.probabilities());
            classifier.put("nearestExamples", router.nearest(interaction.text(), NEAREST));
            answer.put("classifier", classifier);
        }
        answer.put("rulesLoadedAt", router.rulesStatus().loadedAt());
        return answer;
    }

    /**
     * {@code POST /api/routing/tests}: config/routing-tests.yaml run by the active rules, or by the rule set in the
     * body ({@code {"rules": "<routing.yaml>"}}) without saving it; a rule set that would be refused answers 400
     * with the line and field, as an edit of the file would be refused.
     */
    @PostMapping(path = "/api/routing/tests", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> tests(@RequestBody(required = false) TestsRequest request) {
        RoutingRules rules = null;
        if (request != null && request.rules() != null) {
            if (request.rules().isBlank()) {
                return ResponseEntity.badRequest().body(Map.of("error", "rules is empty: give the text of a"
                        + " routing.yaml, or leave rules out to run the active rules"));
            }
            try {
                rules = router.proposed(request.rules());
            } catch (RulesException e) {
                return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
            }
        }
        List<RoutingTests.Result> results = tests.run(rules);
        long passed = results.stream().filter(RoutingTests.Result::ok).count();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("rules", rules == null ? "current" : "proposed");
        answer.put("passed", passed);
        answer.put("failed", results.size() - passed);
        answer.put("results", results);
        return ResponseEntity.ok(answer);
    }

    /** The rules loaded (their names and text, and the last refused edit), and what the classifier learnt from. */
    @GetMapping(path = "/api/routing", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> status() {
        Map<String, Object> status = json.convertValue(router.rulesStatus(),
                new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() { });
        status.put("classifier", router.classifierStatus());
        status.put("text", router.rulesText());
        return status;
    }

    @ExceptionHandler(WebhookRejectedException.class)
    ResponseEntity<Map<String, String>> rejected(WebhookRejectedException e) {
        return ResponseEntity.status(e.status()).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(org.springframework.http.converter.HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(org.springframework.http.converter.HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(Map.of("error",
                "not JSON of the form {\"rules\": \"<routing.yaml text>\"}"));
    }

    @ExceptionHandler(JsonProcessingException.class)
    ResponseEntity<Map<String, String>> notAnInteraction(JsonProcessingException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "not a post or interaction: "
                + e.getOriginalMessage()));
    }
}
