package io.socialwire.enrichment;

import java.time.Duration;

import io.socialwire.routing.ClassifierSource;
import io.socialwire.routing.Router;
import io.socialwire.routing.RoutingRulesSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EnrichmentProperties.class)
class EnrichmentConfiguration {

    @Bean
    LanguageDetection languageDetection(EnrichmentProperties properties) {
        return new LanguageDetection(properties.languages(), properties.highAccuracyLanguageDetection());
    }

    @Bean
    SentimentScoring sentimentScoring() {
        return new SentimentScoring();
    }

    /** The classifier learnt from the labelled examples; none when {@code socialwire.routing.examples} is empty. */
    @Bean
    Router router(RoutingRulesSource rules, @Value("${socialwire.routing.examples:}") String examples,
                  @Value("${socialwire.routing.reload-interval:2s}") Duration interval) {
        if (examples.isBlank()) {
            return new Router(rules, null);
        }
        ClassifierSource classifier = new ClassifierSource(examples);
        classifier.watch(interval);
        return new Router(rules, classifier);
    }

    @Bean
    RoutingRulesSource routingRulesSource(@Value("${socialwire.routing.rules}") Resource rules,
                                          @Value("${socialwire.routing.reload-interval:2s}") Duration interval) {
        RoutingRulesSource source = new RoutingRulesSource(rules);
        source.watch(interval);
        return source;
    }
}
