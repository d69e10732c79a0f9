package io.socialwire.console;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@code /console/}: the operator console, static files packed in the jar (classpath:/console/). It is served only
 * where {@code /api/**} is on, that is where SOCIALWIRE_API_TOKEN is set; elsewhere {@code /console} answers 404.
 * Browsers revalidate the files on each load (no-cache), so a new jar's console is what they run.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ConsoleAssets.ApiOn.class)
class ConsoleAssets implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/console/**").addResourceLocations("classpath:/console/")
                .setCacheControl(CacheControl.noCache());
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/console", "/console/");
        registry.addViewController("/console/").setViewName("forward:/console/index.html");
    }

    /** The API token is set: the same test as ApiTokenFilter's. */
    static final class ApiOn implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String token = context.getEnvironment().getProperty("socialwire.api.token", "");
            return !token.isBlank();
        }
    }
}
