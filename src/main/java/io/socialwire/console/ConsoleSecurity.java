package io.socialwire.console;

import io.socialwire.security.SecurityConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The console's page and scripts are open: they hold no data, and every call they make goes to {@code /api/**} with
 * the bearer token the operator types in. Their responses carry a strict Content-Security-Policy: scripts, styles
 * and calls only from this hub, nothing inline, no frames, no forms posted elsewhere. Before the hub's own rules,
 * which refuse any path they do not name; where the API is off the paths stay open and answer 404 (ConsoleAssets).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'; object-src 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain consoleOpen(HttpSecurity http) throws Exception {
        return SecurityConfiguration.stateless(http.securityMatcher("/console", "/console/**"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frames -> frames.deny()))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/console", "/console/**").permitAll()
                        .anyRequest().denyAll())
                .build();
    }
}
