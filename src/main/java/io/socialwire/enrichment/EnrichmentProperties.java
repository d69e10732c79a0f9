package io.socialwire.enrichment;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param languages        ISO 639-1 codes the detector chooses among; fewer languages keep its models small
 * @param highAccuracyLanguageDetection load all of Lingua's n-gram models: better on very short texts, about 200 MB
 *                         more heap for six languages; the default (trigrams only) needs a few MB
 */
@ConfigurationProperties("socialwire.enrichment")
public record EnrichmentProperties(
        @DefaultValue({"en", "de", "fr", "es", "pt", "it"}) List<String> languages,
        @DefaultValue("false") boolean highAccuracyLanguageDetection) {
}
