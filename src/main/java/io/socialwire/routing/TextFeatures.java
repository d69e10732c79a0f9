package io.socialwire.routing;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import opennlp.tools.doccat.FeatureGenerator;

/**
 * What the classifier reads of a post: its words, and the character n-grams (3 to 5) inside each word, which work
 * across scripts and survive typos, inflections and compounds ("Rückerstattung", "reembolsoo"). The text is
 * normalised first: lower case, letters without their accents kept beside them, digits as 0, a letter repeated
 * more than twice cut to two ("sooooo" → "soo"), links and handles reduced to their kind.
 */
final class TextFeatures implements FeatureGenerator {

    private static final int MIN_GRAM = 3;
    private static final int MAX_GRAM = 5;
    private static final Pattern LINK = Pattern.compile("https?://\\S+");
    private static final Pattern HANDLE = Pattern.compile("@[\\p{L}\\p{N}_.]+");
    private static final Pattern DIGIT = Pattern.compile("\\p{N}");
    private static final Pattern REPEATED = Pattern.compile("(\\p{L})\\1{2,}");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** The words of a post, normalised: what {@link #extractFeatures} and the nearest-example search read. */
    static String[] words(String text) {
        String normal = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        normal = LINK.matcher(normal).replaceAll(" _link ");
        normal = HANDLE.matcher(normal).replaceAll(" _handle ");
        normal = DIGIT.matcher(normal).replaceAll("0");
        normal = REPEATED.matcher(normal).replaceAll("$1$1");
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        normal.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '_' || c == '#') {
                word.appendCodePoint(c);
            } else {
                flush(word, words);
                if (!Character.isWhitespace(c) && Character.getType(c) == Character.OTHER_SYMBOL) {
                    words.add(new String(Character.toChars(c))); // an emoji says as much as a word
                }
            }
        });
        flush(word, words);
        return words.toArray(String[]::new);
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    @Override
    public Collection<String> extractFeatures(String[] words, Map<String, Object> extraInformation) {
        List<String> features = new ArrayList<>(words.length * 12);
        for (String word : words) {
            features.add("w=" + word);
            String plain = stripAccents(word);
            if (!plain.equals(word)) {
                features.add("w=" + plain);
            }
            grams(" " + plain + " ", features);
        }
        return features;
    }

    private static void grams(String word, List<String> features) {
        int[] points = word.codePoints().toArray();
        for (int n = MIN_GRAM; n <= MAX_GRAM; n++) {
            for (int start = 0; start + n <= points.length; start++) {
                features.add(new String(points, start, n));
            }
        }
    }

    private static String stripAccents(String word) {
        if (word.chars().allMatch(c -> c < 0x80)) {
            return word;
        }
        return MARKS.matcher(Normalizer.normalize(word, Normalizer.Form.NFD)).replaceAll("");
    }
}
