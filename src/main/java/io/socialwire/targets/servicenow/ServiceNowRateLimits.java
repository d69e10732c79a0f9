package io.socialwire.targets.servicenow;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.socialwire.pacing.TargetPacing;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * camel-servicenow turns a 429 into an exception without its headers, and retries nothing. This CXF interceptor
 * (on the default bus the component's client uses) reads {@code Retry-After} and {@code X-RateLimit-Reset} from
 * ServiceNow's 429 and 503 answers and tells {@link TargetPacing} to hold calls to ServiceNow until then.
 */
@Component
public class ServiceNowRateLimits extends AbstractPhaseInterceptor<Message> {

    private final TargetPacing pacing;
    private final Clock clock;
    private final String apiUrl;
    private Bus bus;

    public ServiceNowRateLimits(TargetPacing pacing, Clock clock,
                                @Value("${camel.kamelet.servicenow-record-sink.apiUrl}") String apiUrl) {
        super(Phase.RECEIVE);
        this.pacing = pacing;
        this.clock = clock;
        this.apiUrl = apiUrl;
    }

    @PostConstruct
    void register() {
        bus = BusFactory.getDefaultBus();
        bus.getInInterceptors().add(this);
    }

    @PreDestroy
    void unregister() {
        bus.getInInterceptors().remove(this);
    }

    @Override
    public void handleMessage(Message message) {
        Object code = message.get(Message.RESPONSE_CODE);
        if (!(code instanceof Integer status) || (status != 429 && status != 503) || !fromServiceNow(message)) {
            return;
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        @SuppressWarnings("unchecked")
        Map<String, List<String>> protocol = (Map<String, List<String>>) message.get(Message.PROTOCOL_HEADERS);
        if (protocol != null) {
            headers.putAll(protocol);
        }
        Instant until = TargetPacing.retryAt(first(headers, "Retry-After"), first(headers, "X-RateLimit-Reset"),
                clock.instant());
        if (until != null) {
            pacing.holdOff("servicenow", until);
        }
    }

    /** Other CXF clients in the process are none of this interceptor's business. */
    private boolean fromServiceNow(Message message) {
        Message request = message.getExchange() == null ? null : message.getExchange().getOutMessage();
        Object address = request == null ? null : request.get(Message.REQUEST_URI);
        if (address == null && request != null) {
            address = request.get(Message.ENDPOINT_ADDRESS);
        }
        return address != null && address.toString().startsWith(apiUrl);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
