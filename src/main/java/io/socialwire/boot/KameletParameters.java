package io.socialwire.boot;

import java.util.Properties;
import java.util.function.Predicate;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.LoadablePropertiesSource;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.stereotype.Component;

/**
 * Makes the kamelet parameters configured under {@code camel.kamelet.<kamelet>.<parameter>} in application.yaml (and
 * so from environment variables and Kubernetes Secrets) visible to the kamelet component, which lists them rather
 * than looking them up one by one; Spring's environment only answers lookups.
 */
@Component
public class KameletParameters implements CamelContextConfiguration {

    private static final String PREFIX = "camel.kamelet.";

    private final ConfigurableEnvironment environment;

    public KameletParameters(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        camelContext.getPropertiesComponent().addPropertiesSource(new Source());
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
    }

    private final class Source implements LoadablePropertiesSource {

        @Override
        public String getName() {
            return "spring-kamelet-parameters";
        }

        @Override
        public String getProperty(String name) {
            return name.startsWith(PREFIX) ? environment.getProperty(name) : null;
        }

        @Override
        public Properties loadProperties() {
            return loadProperties(name -> true);
        }

        @Override
        public Properties loadProperties(Predicate<String> filter) {
            Properties found = new Properties();
            environment.getPropertySources().stream()
                    .filter(EnumerablePropertySource.class::isInstance)
                    .flatMap(source -> java.util.Arrays.stream(((EnumerablePropertySource<?>) source).getPropertyNames()))
                    .filter(name -> name.startsWith(PREFIX) && filter.test(name))
                    .forEach(name -> found.setProperty(name, environment.getProperty(name)));
            return found;
        }

        @Override
        public void reloadProperties(String location) {
        }
    }
}
