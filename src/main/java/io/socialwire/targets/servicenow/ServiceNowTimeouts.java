package io.socialwire.targets.servicenow;

import java.time.Duration;

import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How long a call to ServiceNow may take (camel-servicenow's CXF client waits 60 s by default). Together with
 * the retries and {@code maxPollRecords} this bounds the time between two polls of the dispatch consumer: see
 * {@code socialwire.dispatch} in application.yaml.
 */
@Configuration(proxyBeanMethods = false)
class ServiceNowTimeouts {

    @Bean
    HTTPClientPolicy serviceNowHttpPolicy(
            @Value("${socialwire.servicenow.connect-timeout:5s}") Duration connect,
            @Value("${socialwire.servicenow.receive-timeout:20s}") Duration receive) {
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(connect.toMillis());
        policy.setReceiveTimeout(receive.toMillis());
        return policy;
    }
}
