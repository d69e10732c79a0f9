package io.socialwire.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;

/** Holds the active routing rules, read from {@code socialwire.routing.rules} at start-up. */
public class RoutingRulesSource {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingRulesSource.class);

    private final RoutingRules rules;

    public RoutingRulesSource(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            this.rules = RoutingRules.load(in, resource.getDescription());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read routing rules from " + resource.getDescription(), e);
        }
        LOG.info("Loaded {} routing rules from {}", rules.size(), resource.getDescription());
    }

    public RoutingRules current() {
        return rules;
    }
}
