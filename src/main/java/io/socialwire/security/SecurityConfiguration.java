package io.socialwire.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;

/**
 * Who may call what. Webhooks stay open: each checks its platform's signature. {@code /api/**} needs the bearer
 * token of {@code SOCIALWIRE_API_TOKEN}. Actuator health, info and prometheus are open to the cluster (the Helm
 * chart's network policy limits who reaches them). Anything else is refused.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain security(HttpSecurity http, @Value("${socialwire.api.token:}") String token)
            throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new ApiTokenFilter(token), AbstractPreAuthenticatedProcessingFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/**").hasAuthority(ApiTokenFilter.AUTHORITY)
                        .requestMatchers("/webhooks/**", "/actuator/health", "/actuator/health/**",
                                "/actuator/info", "/actuator/prometheus", "/error").permitAll()
                        .anyRequest().denyAll())
                .build();
    }
}
