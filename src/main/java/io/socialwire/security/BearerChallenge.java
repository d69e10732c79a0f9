package io.socialwire.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The 401 of a request without the API token, with the challenge of RFC 6750: {@code WWW-Authenticate: Bearer},
 * and {@code error="invalid_token"} when a bearer token was sent but is not the right one.
 */
final class BearerChallenge implements AuthenticationEntryPoint {

    static final String REALM = "Bearer realm=\"socialwire\"";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException refused) {
        String authorization = request.getHeader("Authorization");
        boolean tokenSent = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        response.setHeader("WWW-Authenticate", tokenSent ? REALM + ", error=\"invalid_token\"" : REALM);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    }
}
