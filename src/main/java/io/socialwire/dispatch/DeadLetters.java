package io.socialwire.dispatch;

import java.time.Clock;

import io.socialwire.conversation.Conversations;
import io.socialwire.delivery.DeliveryMetrics;
import io.socialwire.model.SocialInteraction;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Prepares a refused record for {@code socialwire.dlq}: the original value, and headers with the reason, target,
 * attempt count and time. Headers carry no personal data, so the topic can be listed safely.
 */
@Component("deadLetters")
public class DeadLetters {

    public static final String REASON = "socialwire_dlq_reason";
    public static final String TARGET = "socialwire_dlq_target";
    public static final String ATTEMPTS = "socialwire_dlq_attempts";
    public static final String FAILED_AT = "socialwire_dlq_failed_at";
    public static final String SOURCE_OFFSET = "socialwire_dlq_source";
    /** The interaction's id (a post or message id, not the person's): what a replay by id names. */
    public static final String INTERACTION = "socialwire_dlq_interaction";
    /** The sink a dispatch route was calling, set as an exchange property so it survives useOriginalMessage. */
    public static final String TARGET_PROPERTY = "target";

    private final Clock clock;
    private final DeliveryMetrics metrics;

    public DeadLetters(Clock clock, DeliveryMetrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
    }

    public void describe(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message message = exchange.getMessage();
        Integer redeliveries = message.getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        String target = exchange.getProperty(TARGET_PROPERTY, "dispatch", String.class);
        String source = message.getHeader("kafka.TOPIC", String.class) + "/"
                + message.getHeader("kafka.PARTITION", String.class) + "@"
                + message.getHeader("kafka.OFFSET", String.class);
        message.setHeader(REASON, Failures.reason(failure));
        message.setHeader(TARGET, target);
        message.setHeader(ATTEMPTS, Integer.toString(1 + (redeliveries == null ? 0 : redeliveries)));
        message.setHeader(FAILED_AT, clock.instant().toString());
        message.setHeader(SOURCE_OFFSET, source);
        SocialInteraction interaction = exchange.getProperty(Conversations.INTERACTION, SocialInteraction.class);
        if (interaction != null) {
            message.setHeader(INTERACTION, interaction.id());
            metrics.delivered(exchange, interaction, target, "dead_lettered");
        }
    }
}
