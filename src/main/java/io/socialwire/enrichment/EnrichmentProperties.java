package io.socialwire.enrichment;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param languages ISO 639-1 codes the detector chooses among; fewer languages keep its models, and memory, small
 */
@ConfigurationProperties("socialwire.enrichment")
public record EnrichmentProperties(@DefaultValue({"en", "de", "fr", "es", "pt", "it"}) List<String> languages) {
}
