package io.socialwire.support;

import java.util.Map;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.component.mock.MockComponent;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * A plain Camel context (no Spring, no Kafka) for route tests: the project's settings the routes read as
 * {@code {{...}}} placeholders, the {@code caller-handles-errors} route configuration the shared routes opt into, and
 * YAML files from {@code routes/} loaded as the hub loads them.
 */
public final class YamlRoutes {

    private YamlRoutes() {
    }

    /**
     * A context whose property placeholders resolve to {@code properties}, with the {@code caller-handles-errors}
     * route configuration of routes/common/error-handling.camel.yaml; beans are bound by the test.
     */
    public static CamelContext context(Map<String, String> properties) throws Exception {
        CamelContext camel = plainContext(properties);
        camel.addRoutes(new RouteConfigurationBuilder() {
            @Override
            public void configuration() {
                routeConfiguration("caller-handles-errors").errorHandler(noErrorHandler());
            }
        });
        return camel;
    }

    /** As {@link #context}, without route configurations: for routes/common/error-handling.camel.yaml itself. */
    public static CamelContext plainContext(Map<String, String> properties) {
        CamelContext camel = new DefaultCamelContext();
        Properties initial = new Properties();
        initial.putAll(properties);
        camel.getPropertiesComponent().setInitialProperties(initial);
        return camel;
    }

    /**
     * camel-kafka replaced by Camel's mock component: {@code kafka:<topic>} endpoints become mock endpoints of that
     * name, so a test reads what each topic would have received (with the topic as the route resolved it) and can make
     * a send fail. (Not autowired as camel-kafka's component would be: the mock has none of its options.)
     */
    public static void mockKafka(CamelContext camel) {
        camel.setAutowiredEnabled(false);
        camel.addComponent("kafka", new MockComponent());
    }

    /** What {@code kafka:<topic>} received, once {@link #mockKafka} replaced camel-kafka. */
    public static MockEndpoint topic(CamelContext camel, String topic) {
        return camel.getEndpoint("kafka:" + topic, MockEndpoint.class);
    }

    /**
     * Kamelets the routes under test call, as templates that do nothing: a route's kamelet endpoint is then created
     * without loading the real kamelet (and its beans), and the test mocks it ({@code mockEndpointsAndSkip}).
     */
    public static void stubKamelets(CamelContext camel, String... names) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String name : names) {
                    routeTemplate(name).from("kamelet:source").stop();
                }
            }
        });
    }

    /**
     * The kamelets the hub has (routes/kamelets/, read when a route first names one), each failure handed back to
     * the route that called it, as configured in config/application.yaml.
     */
    public static void useKamelets(CamelContext camel) {
        KameletComponent kamelets = camel.getComponent("kamelet", KameletComponent.class);
        kamelets.setLocation("file:routes/kamelets");
        kamelets.setNoErrorHandler(true);
    }

    /**
     * Replaces a started kamelet route's call (its first {@code to}; the last hands the exchange back to the caller,
     * {@code kamelet:sink}) with {@code answer}; returns the call's URI as the kamelet wrote it.
     */
    public static String replaceCall(CamelContext camel, String routeId, Processor answer) throws Exception {
        String[] uri = new String[1];
        AdviceWith.adviceWith(camel, routeId, route -> {
            uri[0] = route.getOriginalRoute().getOutputs().stream().filter(ToDefinition.class::isInstance)
                    .map(to -> ((ToDefinition) to).getEndpointUri()).findFirst().orElseThrow();
            route.weaveByType(ToDefinition.class).selectFirst().replace().process(answer);
        });
        return uri[0];
    }

    /** Loads a routes file (a path under the project folder, e.g. {@code routes/departments/hr.camel.yaml}). */
    public static void load(CamelContext camel, String file) throws Exception {
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel, "file:" + file));
    }
}
