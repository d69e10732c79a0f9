package io.socialwire.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** What the classifier reads of a post; the models are trained and asked on exactly these features. */
class TextFeaturesTest {

    @Test
    void wordsAreNormalisedLowerCaseWithNumbersLinksHandlesAndRepeatsReduced() {
        assertThat(TextFeatures.words("Sooooo goooood!!! 😍 Order #48213 @Acme_Cloud.x https://t.co/abc?x=1 ²"))
                .containsExactly("soo", "good", "😍", "order", "#00000", "_handle", "_link", "0");
    }

    @Test
    void featuresAreTheWordWithAndWithoutAccentsAndThe3To5GramsOfThePlainWord() {
        assertThat(new TextFeatures().extractFeatures(TextFeatures.words("Café"), Map.of())).containsExactly(
                "w=café", "w=cafe", " ca", "caf", "afe", "fe ", " caf", "cafe", "afe ", " cafe", "cafe ");
    }

    @Test
    void gramsCountCharactersOutsideTheBasicPlaneAsOne() {
        assertThat(new TextFeatures().extractFeatures(TextFeatures.words("𠀀b"), Map.of()))
                .containsExactly("w=𠀀b", " 𠀀b", "𠀀b ", " 𠀀b ");
    }
}
