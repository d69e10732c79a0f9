package io.socialwire.tryit;

import io.socialwire.SocialwireApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The try-it jar's entry point ({@code java -jar target/socialwire-*-tryit.jar}, {@code ./mvnw spring-boot:run}):
 * the hub with the {@value #PROFILE} profile, whose configuration ({@code application-tryit.yaml} beside this
 * source root) turns on the embedded broker and the emulators and gives every setting a local default. The production
 * jar has neither this class nor that file.
 */
public final class TryItApplication {

    public static final String PROFILE = "tryit";

    private TryItApplication() {
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(SocialwireApplication.class).profiles(PROFILE).run(args);
    }
}
