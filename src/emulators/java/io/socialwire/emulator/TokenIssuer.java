package io.socialwire.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Opaque bearer and refresh tokens of one emulator, with an expiry so expired-token handling can be exercised. */
public final class TokenIssuer {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Boolean> refreshTokens = new ConcurrentHashMap<>();
    /** Who signed in with each access token issued for a user (see {@link #issueAccessToken(String)}). */
    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final String prefix;
    private final Duration lifetime;
    private final Clock clock;

    public TokenIssuer(String prefix, Duration lifetime, Clock clock) {
        this.prefix = prefix;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public String issueAccessToken() {
        String token = prefix + token();
        accessTokens.put(token, clock.instant().plus(lifetime));
        return token;
    }

    /** An access token for {@code user}, who {@link #userOf} tells later. */
    public String issueAccessToken(String user) {
        String token = issueAccessToken();
        users.put(token, user);
        return token;
    }

    /** The user an access token was issued for; null when it was issued for none. */
    public String userOf(String token) {
        return token == null ? null : users.get(token);
    }

    public String issueRefreshToken() {
        String token = prefix + "R" + token();
        refreshTokens.put(token, Boolean.TRUE);
        return token;
    }

    public boolean isValidRefreshToken(String token) {
        return token != null && refreshTokens.containsKey(token);
    }

    public boolean isValidAccessToken(String token) {
        Instant expiry = token == null ? null : accessTokens.get(token);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    /** Expires every access token at once, as a revoked session or a password reset would. */
    public void expireAll() {
        accessTokens.clear();
        users.clear();
    }

    public Duration lifetime() {
        return lifetime;
    }

    private String token() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
