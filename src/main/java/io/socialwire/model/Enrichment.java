package io.socialwire.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Enrichment(
        String department,
        String intent,
        Sentiment sentiment,
        Integer priority,
        String matchedRule) {
}
