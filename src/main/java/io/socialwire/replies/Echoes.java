package io.socialwire.replies;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.socialwire.model.SocialInteraction;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The brand's own posts coming back from a channel (an answer the hub posted appears in the Page's feed changes or
 * among X's mentions): dispatch drops them, so they create no record and no follow-up. The brand's accounts are
 * {@code socialwire.replies.brand-accounts.<channel>}.
 */
@Component("echoes")
public class Echoes {

    private final Map<String, List<String>> brandAccounts;
    private final MeterRegistry metrics;

    public Echoes(RepliesProperties properties, MeterRegistry metrics) {
        this.brandAccounts = properties.brandAccounts();
        this.metrics = metrics;
    }

    public boolean isBrands(SocialInteraction interaction) {
        List<String> brand = brandAccounts.get(interaction.channel());
        return brand != null && interaction.author() != null && brand.contains(interaction.author().id());
    }

    public void dropped(Exchange exchange) {
        SocialInteraction interaction = exchange.getMessage().getBody(SocialInteraction.class);
        metrics.counter("socialwire_echoes_total", "channel", interaction.channel()).increment();
    }
}
