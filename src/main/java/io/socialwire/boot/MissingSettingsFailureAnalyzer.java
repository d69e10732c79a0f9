package io.socialwire.boot;

import io.socialwire.boot.RequiredSettings.MissingSettingsException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Tells whoever started the hub without its settings which ones, and where the try-it jar is. */
class MissingSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingsException cause) {
        return new FailureAnalysis(
                "Socialwire has no default for where Kafka and the systems of record are, and these are not set:\n  "
                        + String.join("\n  ", cause.missing()),
                "Set them in the environment (README.md, section Configure; the Helm chart sets them from its "
                        + "values). To try Socialwire on one machine, with an embedded Kafka and emulators of the "
                        + "systems of record, run the try-it jar instead: java -jar target/socialwire-*-tryit.jar "
                        + "(or ./mvnw spring-boot:run).",
                cause);
    }
}
