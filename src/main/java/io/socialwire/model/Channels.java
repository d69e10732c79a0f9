package io.socialwire.model;

import java.util.Map;

/** Human-readable channel names, as sales and support teams see them in their records. */
public final class Channels {

    private static final Map<String, String> NAMES = Map.of(
            "facebook", "Facebook",
            "instagram", "Instagram",
            "messenger", "Messenger",
            "x", "X",
            "linkedin", "LinkedIn",
            "bluesky", "Bluesky",
            "mastodon", "Mastodon",
            "reviews", "Reviews",
            "generic", "Web");

    private Channels() {
    }

    public static String displayName(String channel) {
        if (channel == null || channel.isBlank()) {
            return "Social";
        }
        return NAMES.getOrDefault(channel, Character.toUpperCase(channel.charAt(0)) + channel.substring(1));
    }
}
