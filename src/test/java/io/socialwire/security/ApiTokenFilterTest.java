package io.socialwire.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

class ApiTokenFilterTest {

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theRightBearerTokenAuthenticatesAndNothingElseDoes() throws Exception {
        assertThat(authenticate("s3cret", "Bearer s3cret")).isNotNull();
        assertThat(authenticate("s3cret", "bearer s3cret")).as("the scheme in any case").isNotNull();
        assertThat(authenticate("s3cret", "Bearer s3cre")).isNull();
        assertThat(authenticate("s3cret", "Bearer s3cret2")).isNull();
        assertThat(authenticate("s3cret", "Basic s3cret")).isNull();
        assertThat(authenticate("s3cret", null)).isNull();
    }

    @Test
    void withoutAConfiguredTokenNobodyIsAuthenticated() throws Exception {
        assertThat(authenticate("", "Bearer ")).isNull();
        assertThat(authenticate(null, "Bearer null")).isNull();
        assertThat(authenticate("  ", "Bearer   ")).isNull();
    }

    private static Authentication authenticate(String configured, String header) throws Exception {
        SecurityContextHolder.clearContext();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/routing");
        if (header != null) {
            request.addHeader("Authorization", header);
        }
        new ApiTokenFilter(configured).doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        return SecurityContextHolder.getContext().getAuthentication();
    }
}
