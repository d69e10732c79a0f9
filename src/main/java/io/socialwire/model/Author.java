package io.socialwire.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Author(
        String id,
        String handle,
        String displayName,
        String profileUrl,
        Long followers,
        Boolean verified) {
}
