package io.socialwire.replies;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where answers go back to (socialwire.replies).
 *
 * @param channels each channel's kamelet that posts an answer there ({@code reply-with}), the one that looks for an
 *                 answer already posted ({@code find-with}), and its token: empty means replies on that channel are
 *                 off (said at start-up; an answer for it is noted on its record as not sent)
 * @param sources  each system of record the answers are read from: how often, and the route that writes a note on
 *                 its record ({@code note-with})
 * @param brandAccounts the brand's own account ids per channel: what they post is the hub's answers coming back
 */
@ConfigurationProperties("socialwire.replies")
public record RepliesProperties(
        @DefaultValue({}) Map<String, Channel> channels,
        @DefaultValue({}) Map<String, Source> sources,
        @DefaultValue({}) Map<String, List<String>> brandAccounts) {

    public record Channel(String replyWith, String findWith, String token) {

        boolean on() {
            return token != null && !token.isBlank() && replyWith != null && !replyWith.isBlank();
        }
    }

    public record Source(@DefaultValue("5s") Duration pollInterval, String noteWith) {
    }
}
