package io.socialwire.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;

/**
 * Who may call what. Webhooks stay open: each checks its platform's signature. {@code /api/**} needs the bearer
 * token of {@code SOCIALWIRE_API_TOKEN} (a 401 says so, RFC 6750). Actuator health and prometheus are open to the
 * cluster (the Helm chart's network policy limits who reaches them); actuator exposes nothing else. Anything else is
 * refused (the try-it jar's emulators open /emulators/** in a security chain of their own).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain security(HttpSecurity http, @Value("${socialwire.api.token:}") String token)
            throws Exception {
        return stateless(http)
                .addFilterBefore(new ApiTokenFilter(token), AbstractPreAuthenticatedProcessingFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(new BearerChallenge()))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/**").hasAuthority(ApiTokenFilter.AUTHORITY)
                        .requestMatchers("/webhooks/**", "/actuator/health", "/actuator/health/**",
                                "/actuator/prometheus", "/error").permitAll()
                        .anyRequest().denyAll())
                .build();
    }

    /**
     * No session, no cookie, no login form, no saved request: each request carries its own credentials (the API
     * token) or needs none, so there is nothing for cross-site request forgery to ride on.
     */
    public static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable());
    }
}
