package io.socialwire.enrichment;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.vader.sentiment.analyzer.SentimentAnalyzer;
import io.socialwire.model.Sentiment;

/**
 * VADER (the Java port), tuned for social media but English-only: for any other language the sentiment is recorded
 * as unknown rather than guessed.
 */
public class SentimentScoring {

    static final double POSITIVE = 0.05;
    static final double NEGATIVE = -0.05;

    public Sentiment score(String text, String language) {
        if (text == null || text.isBlank() || !"en".equals(language)) {
            return Sentiment.unknown();
        }
        SentimentAnalyzer analyzer = new SentimentAnalyzer();
        analyzer.setInputString(text);
        try {
            analyzer.setInputStringProperties();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        analyzer.analyze();
        double compound = Math.round(analyzer.getPolarity().get("compound") * 1000) / 1000.0;
        String label = compound >= POSITIVE ? "positive" : compound <= NEGATIVE ? "negative" : "neutral";
        return new Sentiment(compound, label);
    }
}
