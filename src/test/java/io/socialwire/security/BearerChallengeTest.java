package io.socialwire.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.InsufficientAuthenticationException;

class BearerChallengeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "null                  | Bearer realm=\"socialwire\"",
        "Basic dXNlcjpwYXNz    | Bearer realm=\"socialwire\"",
        "Bearer wrong-token    | 'Bearer realm=\"socialwire\", error=\"invalid_token\"'",
        "bearer wrong-token    | 'Bearer realm=\"socialwire\", error=\"invalid_token\"'",
    })
    void a401ChallengesForTheBearerTokenAndSaysWhenTheTokenSentIsWrong(String authorization, String challenge) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/routing");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();

        new BearerChallenge().commence(request, response, new InsufficientAuthenticationException("no token"));

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo(challenge);
    }
}
