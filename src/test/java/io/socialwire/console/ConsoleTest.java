package io.socialwire.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import io.socialwire.security.SecurityConfiguration;
import io.socialwire.tryit.TryItApplication;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The console's files: open to anyone (they hold no data) with a strict Content-Security-Policy, while /api still
 * needs the token; nothing inline and nothing from another host, so the policy can stay strict.
 */
@WebMvcTest
@ContextConfiguration(classes = {SecurityConfiguration.class, ConsoleSecurity.class, ConsoleAssets.class})
@ActiveProfiles(TryItApplication.PROFILE)
class ConsoleTest {

    static final String TOKEN = "console-test-token";

    @Autowired
    MockMvc mvc;

    @org.springframework.test.context.DynamicPropertySource
    static void token(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("socialwire.api.token", () -> TOKEN);
    }

    @Test
    void thePageIsServedWithoutTheTokenUnderAStrictPolicy() throws Exception {
        strict(mvc.perform(get("/console/index.html")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/html"))
                .andExpect(content().string(Matchers.containsString("<script type=\"module\" src=\"app.js\">")))
                .andExpect(header().string("Cache-Control", Matchers.containsString("no-cache")))
                .andExpect(header().doesNotExist("Set-Cookie"));
        strict(mvc.perform(get("/console/"))).andExpect(forwardedUrl("/console/index.html"));
        mvc.perform(get("/console")).andExpect(redirectedUrl("/console/"));
    }

    @Test
    void scriptsAndStylesAreServedAsWhatTheyAreSoNosniffLetsThemRun() throws Exception {
        strict(mvc.perform(get("/console/app.js"))).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", Matchers.matchesPattern("(text|application)/javascript.*")));
        strict(mvc.perform(get("/console/console.css"))).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/css"));
        mvc.perform(get("/console/no-such-file.js")).andExpect(status().isNotFound());
    }

    @Test
    void onlyReadingIsOpenAndTheApiStillNeedsTheToken() throws Exception {
        mvc.perform(post("/console/index.html")).andExpect(status().isForbidden());
        mvc.perform(get("/api/routing")).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"socialwire\""));
        mvc.perform(get("/api/routing").header("Authorization", "Bearer " + TOKEN))
                .andExpect(status().isNotFound());
    }

    @Test
    void theFilesHoldNothingInlineAndLoadNothingFromAnotherHost() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:/console/**/*.*");
        assertThat(files).extracting(Resource::getFilename).contains("index.html", "app.js", "console.css");
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)", Pattern.CASE_INSENSITIVE);
        Pattern inlineHandlerOrStyle = Pattern.compile("\\s(on[a-z]+|style)\\s*=", Pattern.CASE_INSENSITIVE);
        Pattern otherHost = Pattern.compile("(https?:)?//(?!www\\.w3\\.org/2000/svg)[a-z0-9.-]+\\.[a-z]{2,}",
                Pattern.CASE_INSENSITIVE);
        for (Resource file : files) {
            String text = file.getContentAsString(StandardCharsets.UTF_8);
            assertThat(otherHost.matcher(text).find()).as("%s names another host", file.getFilename()).isFalse();
            assertThat(text).as(file.getFilename()).doesNotContain("innerHTML", "outerHTML", "eval(",
                    "document.write", "<style");
            if (file.getFilename().endsWith(".html")) {
                assertThat(inlineScript.matcher(text).find()).as("inline script").isFalse();
                assertThat(inlineHandlerOrStyle.matcher(text).find()).as("inline handler or style").isFalse();
            }
        }
    }

    private static ResultActions strict(ResultActions response) throws Exception {
        return response
                .andExpect(header().string("Content-Security-Policy", ConsoleSecurity.CONTENT_SECURITY_POLICY))
                .andExpect(header().string("Content-Security-Policy", Matchers.containsString("default-src 'none'")))
                .andExpect(header().string("Content-Security-Policy",
                        Matchers.containsString("frame-ancestors 'none'")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Referrer-Policy", "no-referrer"));
    }
}
