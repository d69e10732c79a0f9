package io.socialwire.routing;

import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.stereotype.Component;

/**
 * The departments that have a route ({@code routes/departments/}, route id {@code department-<name>}). Once Camel
 * has started, routing rules naming any other department are refused: at start-up and on every reload.
 */
@Component
public class DepartmentRoutes implements CamelContextConfiguration {

    static final String PREFIX = "department-";

    private final Router router;

    public DepartmentRoutes(Router router) {
        this.router = router;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        router.requireRoutes(() -> departments(camelContext));
    }

    public static Set<String> departments(CamelContext camelContext) {
        return camelContext.getRoutes().stream().map(Route::getRouteId).filter(id -> id.startsWith(PREFIX))
                .map(id -> id.substring(PREFIX.length())).collect(Collectors.toSet());
    }
}
