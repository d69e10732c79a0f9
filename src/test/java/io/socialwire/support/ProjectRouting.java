package io.socialwire.support;

import io.socialwire.routing.ClassifierSource;
import io.socialwire.routing.Router;
import io.socialwire.routing.RoutingRulesSource;
import org.springframework.core.io.FileSystemResource;

/** The project's routing as the hub runs it: config/routing.yaml and the classifier learnt from its examples. */
public final class ProjectRouting {

    /** Trained once per test JVM: the examples do not change while tests run, and training takes seconds. */
    private static ClassifierSource classifier;

    private ProjectRouting() {
    }

    public static Router router() {
        return new Router(new RoutingRulesSource(new FileSystemResource("config/routing.yaml")), classifier());
    }

    public static synchronized ClassifierSource classifier() {
        if (classifier == null) {
            classifier = new ClassifierSource("file:config/routing-examples/*.yaml");
        }
        return classifier;
    }
}
