package io.socialwire.sinks.http;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;

import io.socialwire.webhook.Hmac;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The steps the HTTP target kamelets share: signing a body the way the receiver checks it, and turning an error
 * answer into a {@link TargetRefusedException} that says no more than the status.
 */
@Component("httpTargets")
public class HttpTargets {

    public static final String TIMESTAMP_HEADER = "X-Socialwire-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Socialwire-Signature";

    private final Clock clock;

    public HttpTargets(Clock clock) {
        this.clock = clock;
    }

    /**
     * {@code X-Socialwire-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">} with the Unix seconds in
     * {@code X-Socialwire-Timestamp}, so the receiver can refuse both forged and replayed deliveries.
     */
    public void sign(Exchange exchange, String secret) {
        Message message = exchange.getMessage();
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        byte[] body = message.getBody(byte[].class);
        message.setHeader(TIMESTAMP_HEADER, timestamp);
        message.setHeader(SIGNATURE_HEADER, "sha256=" + signature(secret, timestamp, body));
    }

    public static String signature(String secret, String timestamp, byte[] body) {
        return HexFormat.of().formatHex(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8),
                (timestamp + ".").getBytes(StandardCharsets.UTF_8), body));
    }

    /**
     * In a kamelet's doCatch: the component's failure again, as the target's answer status only. Some components
     * put their whole configuration, credentials included, in their exception's message (camel-zendesk does), and a
     * failure's message reaches the logs and the dead-letter headers.
     */
    public void refused(Exchange exchange, String target) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        java.util.OptionalInt status = TargetRefusedException.statusIn(failure);
        if (status.isPresent()) {
            throw new TargetRefusedException(target, status.getAsInt(), null);
        }
        throw new IllegalStateException(target + " could not be reached or answered no status ("
                + (failure == null ? "unknown" : rootCause(failure).getClass().getSimpleName()) + ")");
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    /**
     * After a component call that answers nothing for a record that is not there (camel-zendesk's createComment on a
     * deleted ticket): the target's "not found", instead of a silent success.
     */
    public void found(Exchange exchange, String target) {
        if (exchange.getMessage().getBody() == null) {
            throw new TargetRefusedException(target, 404, "the record is not there");
        }
    }

    /** After a call made with throwExceptionOnFailure=false: a 2xx passes, anything else fails the exchange. */
    public void check(Exchange exchange, String target) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null || status < 200 || status > 299) {
            throw new TargetRefusedException(target, status == null ? 0 : status,
                    exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_TEXT, String.class));
        }
    }
}
