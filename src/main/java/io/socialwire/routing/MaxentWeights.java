package io.socialwire.routing;

import java.util.Arrays;
import java.util.Map;

import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;

/**
 * A maximum-entropy model OpenNLP trained, laid out for evaluation on the dispatch path: its weights in one array,
 * found by the 64-bit hash of each feature ({@link TextFeatures#hash}) in an open-addressed table. OpenNLP's own
 * evaluation finds each of a post's ~200 features in a {@code HashMap} of strings (50,000 of them), five dependent
 * reads from memory per feature, which made classifying cost 74 µs where the goal is 50; here it is a read
 * of the table and one of the weights, and the post's features are never built as strings. The probabilities are
 * the ones OpenNLP computes (softmax of the summed weights; its uniform prior cancels out), checked against it in
 * MaxentWeightsTest. Two features whose hashes collide would share a weight: with 2^64 hashes and 50,000 features,
 * about one chance in 10^10 per model.
 */
final class MaxentWeights {

    private static final long EMPTY = 0;

    private final String[] outcomes;
    private final long[] keys;
    private final int[] rows;
    private final double[] weights;
    private final int mask;

    private MaxentWeights(String[] outcomes, long[] keys, int[] rows, double[] weights) {
        this.outcomes = outcomes;
        this.keys = keys;
        this.rows = rows;
        this.weights = weights;
        this.mask = keys.length - 1;
    }

    /** The weights of a model OpenNLP trained (a GIS or L-BFGS maxent model). */
    @SuppressWarnings("unchecked")
    static MaxentWeights of(MaxentModel model) {
        Map<String, Context> byFeature = (Map<String, Context>) ((AbstractModel) model).getDataStructures()[1];
        String[] outcomes = new String[model.getNumOutcomes()];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = model.getOutcome(i);
        }
        int slots = Integer.highestOneBit(Math.max(byFeature.size(), 1) * 2) * 2; // at most half full
        long[] keys = new long[slots];
        int[] rows = new int[slots];
        double[] weights = new double[byFeature.size() * outcomes.length];
        int row = 0;
        for (Map.Entry<String, Context> feature : byFeature.entrySet()) {
            Context context = feature.getValue();
            int[] ofOutcomes = context.getOutcomes();
            double[] parameters = context.getParameters();
            for (int k = 0; k < ofOutcomes.length; k++) {
                weights[row * outcomes.length + ofOutcomes[k]] = parameters[k];
            }
            long hash = key(TextFeatures.hash(feature.getKey()));
            int slot = slot(hash) & (slots - 1);
            while (keys[slot] != EMPTY) {
                slot = (slot + 1) & (slots - 1);
            }
            keys[slot] = hash;
            rows[slot] = row++;
        }
        return new MaxentWeights(outcomes, keys, rows, weights);
    }

    /** Each outcome's probability for a post of these features ({@link TextFeatures#hashes}). */
    double[] eval(long[] features) {
        int count = outcomes.length;
        double[] sums = new double[count];
        for (long feature : features) {
            long hash = key(feature);
            int slot = slot(hash) & mask;
            for (long key = keys[slot]; key != EMPTY; key = keys[slot]) {
                if (key == hash) {
                    int from = rows[slot] * count;
                    for (int k = 0; k < count; k++) {
                        sums[k] += weights[from + k];
                    }
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        double max = Arrays.stream(sums).max().orElse(0);
        double total = 0;
        for (int k = 0; k < count; k++) {
            sums[k] = Math.exp(sums[k] - max);
            total += sums[k];
        }
        for (int k = 0; k < count; k++) {
            sums[k] /= total;
        }
        return sums;
    }

    int size() {
        return outcomes.length;
    }

    String outcome(int index) {
        return outcomes[index];
    }

    String best(double[] probabilities) {
        int best = 0;
        for (int k = 1; k < probabilities.length; k++) {
            if (probabilities[k] > probabilities[best]) {
                best = k;
            }
        }
        return outcomes[best];
    }

    /** The hash's high bits folded onto its low ones, which alone choose the slot. */
    private static int slot(long hash) {
        return (int) (hash ^ (hash >>> 32));
    }

    /** A hash as the table keeps it: never {@link #EMPTY}, which marks a free slot. */
    private static long key(long hash) {
        return hash == EMPTY ? 1 : hash;
    }
}
