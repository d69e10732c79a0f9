package io.socialwire.model;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The channels interactions come from, and their names as sales and support teams see them in their records. */
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

    private static final Set<String> KNOWN = Collections.unmodifiableSet(new TreeSet<>(NAMES.keySet()));

    private Channels() {
    }

    /** The channels an interaction may come from, in alphabetical order. */
    public static Set<String> known() {
        return KNOWN;
    }

    public static String displayName(String channel) {
        if (channel == null || channel.isBlank()) {
            return "Social";
        }
        return NAMES.getOrDefault(channel, Character.toUpperCase(channel.charAt(0)) + channel.substring(1));
    }
}
