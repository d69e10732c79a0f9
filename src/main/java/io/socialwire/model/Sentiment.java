package io.socialwire.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** VADER compound score in [-1, 1] and its label; {@code score} is null when the label is {@code unknown}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Sentiment(Double score, String label) {

    public static final String UNKNOWN = "unknown";

    public static Sentiment unknown() {
        return new Sentiment(null, UNKNOWN);
    }

    @JsonIgnore
    public boolean isKnown() {
        return score != null;
    }
}
