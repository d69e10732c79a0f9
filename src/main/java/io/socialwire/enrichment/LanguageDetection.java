package io.socialwire.enrichment;

import java.util.List;
import java.util.Locale;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

/** Lingua restricted to the configured languages; answers null when the text is too short or too ambiguous. */
public class LanguageDetection {

    private final LanguageDetector detector;

    public LanguageDetection(List<String> isoCodes, boolean highAccuracy) {
        if (isoCodes.size() < 2) {
            throw new IllegalArgumentException("socialwire.enrichment.languages needs at least two languages");
        }
        IsoCode639_1[] codes = isoCodes.stream()
                .map(code -> IsoCode639_1.valueOf(code.trim().toUpperCase(Locale.ROOT)))
                .toArray(IsoCode639_1[]::new);
        LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromIsoCodes639_1(codes)
                .withMinimumRelativeDistance(0.05);
        this.detector = (highAccuracy ? builder : builder.withLowAccuracyMode()).build();
    }

    public String detect(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Language language = detector.detectLanguageOf(text);
        return language == Language.UNKNOWN ? null : language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }
}
