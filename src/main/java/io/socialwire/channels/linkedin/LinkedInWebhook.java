package io.socialwire.channels.linkedin;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.model.SocialInteraction;
import io.socialwire.webhook.ChannelSwitch;
import io.socialwire.webhook.WebhookBodies;
import io.socialwire.webhook.WebhookProperties;
import io.socialwire.webhook.WebhookRejectedException;
import io.socialwire.webhook.WebhookResponses;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** The steps of routes/sources/linkedin-webhook.camel.yaml: validation challenge, signature, normalization. */
@Component("linkedinWebhook")
public class LinkedInWebhook {

    private final ChannelSwitch enabled;
    private final LinkedInSignatures signatures;
    private final LinkedInNormalizer normalizer;
    private final WebhookResponses responses;
    private final Clock clock;

    public LinkedInWebhook(WebhookProperties properties, ObjectMapper json, WebhookResponses responses,
                          Clock clock) {
        this.enabled = new ChannelSwitch("LinkedIn", "LINKEDIN_CLIENT_SECRET", properties.linkedinClientSecret());
        this.signatures = enabled.isOn() ? new LinkedInSignatures(properties.linkedinClientSecret()) : null;
        this.normalizer = new LinkedInNormalizer(json);
        this.responses = responses;
        this.clock = clock;
    }

    /** GET ?challengeCode=: answers {"challengeCode", "challengeResponse"} so LinkedIn validates the endpoint. */
    public void answerChallenge(Exchange exchange) {
        enabled.requireOn();
        String code = exchange.getMessage().getHeader("challengeCode", String.class);
        if (code == null || code.isBlank()) {
            throw WebhookRejectedException.badRequest("challengeCode is missing");
        }
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("challengeCode", code);
        answer.put("challengeResponse", signatures.challengeResponse(code));
        responses.json(exchange, answer);
    }

    public List<SocialInteraction> verifyAndNormalize(Exchange exchange) {
        enabled.requireOn();
        byte[] body = WebhookBodies.jsonBytes(exchange);
        signatures.verify(exchange.getMessage().getHeader("X-LI-Signature", String.class), body);
        return normalizer.normalize(body, clock.instant());
    }
}
