package io.socialwire.replies;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How far an answer got (the state store {@code replies-sent}, keyed by answer id): {@code posting} (the call to the
 * channel may have gone out), {@code posted} (with its link), {@code refused} (with the channel's reason), and
 * {@code noted} once the record says so. After a crash, {@code posting} means: look on the channel before posting.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ReplyProgress(String state, String url, String reason, Instant at) {

    static final String POSTING = "posting";
    static final String POSTED = "posted";
    static final String REFUSED = "refused";
    static final String NOTED = "noted";
}
