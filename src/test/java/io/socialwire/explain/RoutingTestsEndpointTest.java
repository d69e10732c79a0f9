package io.socialwire.explain;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.enrichment.Enricher;
import io.socialwire.enrichment.LanguageDetection;
import io.socialwire.enrichment.SentimentScoring;
import io.socialwire.routing.Router;
import io.socialwire.support.ProjectRouting;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * POST /api/routing/tests: config/routing-tests.yaml by the project's rules (all pass, as RoutingExamplesTest
 * says), by an edited rule set given in the body (what it breaks fails, nothing saved), and a rule set that would
 * be refused answers 400 with its line and field.
 */
class RoutingTestsEndpointTest {

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
    private final Router router = ProjectRouting.router();
    private final Enricher enricher = new Enricher(new LanguageDetection(List.of("en", "de", "fr", "es", "pt", "it"),
            false), new SentimentScoring(), router);
    private final MockMvc api = MockMvcBuilders.standaloneSetup(new RoutingController(enricher, router,
            new RoutingTests(enricher, new FileSystemResource("config/routing-tests.yaml")), json,
            new MockEnvironment())).build();

    {
        // as the hub does once the department routes are up
        router.requireRoutes(() -> java.util.Set.of("hr", "marketing", "pr", "product", "sales", "support"));
    }

    @Test
    void theExamplesPassByTheActiveRules() throws Exception {
        int examples = json.readTree(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()
                .createParser(Path.of("config/routing-tests.yaml").toFile())).path("examples").size();

        api.perform(post("/api/routing/tests")).andExpect(status().isOk())
                .andExpect(jsonPath("$.rules").value("current"))
                .andExpect(jsonPath("$.passed").value(examples))
                .andExpect(jsonPath("$.failed").value(0))
                .andExpect(jsonPath("$.results[0].name").value("example 1"))
                .andExpect(jsonPath("$.results[0].text").value(containsString("Terrible, useless product")))
                .andExpect(jsonPath("$.results[0].expected.department").value("pr"))
                .andExpect(jsonPath("$.results[0].expected.rule").value("pr-high-reach-negative"))
                .andExpect(jsonPath("$.results[0].expected.priority").value(1))
                .andExpect(jsonPath("$.results[0].actual.department").value("pr"))
                .andExpect(jsonPath("$.results[0].actual.priority").value(1))
                .andExpect(jsonPath("$.results[0].rule").value("pr-high-reach-negative"))
                .andExpect(jsonPath("$.results[0].ok").value(true));
    }

    @Test
    void theStatusGivesTheActiveRulesAsWrittenForTheEditor() throws Exception {
        api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/routing"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.text").value(Files.readString(Path.of("config/routing.yaml"))))
                .andExpect(jsonPath("$.rules[0]").value("pr-high-reach-negative"));
    }

    @Test
    void anEditedRuleSetIsTriedWithoutBeingSaved() throws Exception {
        String rules = Files.readString(Path.of("config/routing.yaml"))
                .replace("  - name: pr-high-reach-negative", "  - name: pr-reach-renamed");

        api.perform(post("/api/routing/tests").contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("rules", rules))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rules").value("proposed"))
                .andExpect(jsonPath("$.failed").value(1))
                .andExpect(jsonPath("$.results[0].ok").value(false))
                .andExpect(jsonPath("$.results[0].actual.rule").value("pr-reach-renamed"));
        api.perform(post("/api/routing/tests")).andExpect(jsonPath("$.failed").value(0));
        org.assertj.core.api.Assertions.assertThat(router.rulesStatus().rules()).contains("pr-high-reach-negative");
    }

    @Test
    void aRuleSetThatWouldBeRefusedIs400WithLineAndField() throws Exception {
        String original = Files.readString(Path.of("config/routing.yaml"));
        String rules = original.replace("        min: 50000", "        min: lots");

        api.perform(post("/api/routing/tests").contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("rules", rules))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("proposed rules line 23")))
                .andExpect(jsonPath("$.error").value(containsString("followers")));
        api.perform(post("/api/routing/tests").contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("rules", original.replace("department: pr\n",
                                "department: legal-ops\n")))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("no route for department 'legal-ops'")));
        api.perform(post("/api/routing/tests").contentType(MediaType.APPLICATION_JSON).content("{\"rules\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("not JSON")));
        api.perform(post("/api/routing/tests").contentType(MediaType.APPLICATION_JSON).content("{\"rules\":\" \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("rules is empty")));
    }
}
