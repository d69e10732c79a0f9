package io.socialwire.routing;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
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
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final String WORD = "w=";
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    /** The words of a post, normalised: what {@link #extractFeatures} and the nearest-example search read. */
    static String[] words(String text) {
        String normal = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        // the regular expressions only where they can match: the classifier runs for most interactions
        if (normal.contains("http")) {
            normal = LINK.matcher(normal).replaceAll(" _link ");
        }
        if (normal.indexOf('@') >= 0) {
            normal = HANDLE.matcher(normal).replaceAll(" _handle ");
        }
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int previous = -1;
        int repeats = 0;
        for (int i = 0; i < normal.length(); i += Character.charCount(normal.codePointAt(i))) {
            int c = normal.codePointAt(i);
            if (isNumber(c)) {
                c = '0';
            }
            if (Character.isLetter(c)) {
                repeats = c == previous ? repeats + 1 : 1;
                previous = c;
                if (repeats > 2) {
                    continue;
                }
            } else {
                previous = -1;
            }
            if (Character.isLetterOrDigit(c) || c == '_' || c == '#') {
                word.appendCodePoint(c);
            } else {
                flush(word, words);
                if (!Character.isWhitespace(c) && Character.getType(c) == Character.OTHER_SYMBOL) {
                    words.add(new String(Character.toChars(c))); // an emoji says as much as a word
                }
            }
        }
        flush(word, words);
        return words.toArray(String[]::new);
    }

    /** Unicode's N (\p{N} of a regular expression): any digit or number, which the features read as 0. */
    private static boolean isNumber(int c) {
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    /** One feature: {@code prefix} followed by {@code chars} from {@code start} to {@code end}. */
    @FunctionalInterface
    interface Sink {
        void feature(String prefix, String chars, int start, int end);
    }

    @Override
    public Collection<String> extractFeatures(String[] words, Map<String, Object> extraInformation) {
        List<String> features = new ArrayList<>(words.length * 14);
        walk(words, (prefix, chars, start, end) -> features.add(prefix + chars.substring(start, end)));
        return features;
    }

    /** The features of a post as hashes ({@link #hash}): what classifying reads, without building their strings. */
    static long[] hashes(String[] words) {
        Hashes hashes = new Hashes(words.length * 16);
        walk(words, hashes);
        return hashes.toArray();
    }

    /** The hash of a feature's string, as {@link #hashes} computes it from its parts (64-bit FNV-1a). */
    static long hash(String feature) {
        return hash(OFFSET, feature, 0, feature.length());
    }

    private static long hash(long hash, String chars, int start, int end) {
        for (int i = start; i < end; i++) {
            hash = (hash ^ chars.charAt(i)) * PRIME;
        }
        return hash;
    }

    /** Every feature of the words, in order: "w=" and the word (and the word without accents), its n-grams. */
    private static void walk(String[] words, Sink sink) {
        for (String word : words) {
            sink.feature(WORD, word, 0, word.length());
            String plain = stripAccents(word);
            if (plain != word) {
                sink.feature(WORD, plain, 0, plain.length());
            }
            grams(" " + plain + " ", sink);
        }
    }

    private static final class Hashes implements Sink {

        private long[] hashes;
        private int count;

        Hashes(int capacity) {
            hashes = new long[Math.max(capacity, 16)];
        }

        @Override
        public void feature(String prefix, String chars, int start, int end) {
            if (count == hashes.length) {
                hashes = Arrays.copyOf(hashes, count * 2);
            }
            hashes[count++] = hash(hash(OFFSET, prefix, 0, prefix.length()), chars, start, end);
        }

        long[] toArray() {
            return Arrays.copyOf(hashes, count);
        }
    }

    private static void grams(String word, Sink sink) {
        // where each code point starts, so an n-gram never splits a character outside the BMP
        int[] starts = new int[word.codePointCount(0, word.length()) + 1];
        for (int k = 1; k < starts.length; k++) {
            starts[k] = starts[k - 1] + Character.charCount(word.codePointAt(starts[k - 1]));
        }
        for (int n = MIN_GRAM; n <= MAX_GRAM; n++) {
            for (int start = 0; start + n < starts.length; start++) {
                sink.feature("", word, starts[start], starts[start + n]);
            }
        }
    }

    /** The word without its accents, or the word itself when it has none. */
    private static String stripAccents(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) >= 0x80) {
                String plain = MARKS.matcher(Normalizer.normalize(word, Normalizer.Form.NFD)).replaceAll("");
                return plain.equals(word) ? word : plain;
            }
        }
        return word;
    }
}
