package io.socialwire.targets;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The systems of record, each described once in configuration ({@code socialwire.targets.<system>}, see
 * docs/adding-a-target.md). Core code reads what it needs of a target here and names none.
 *
 * @param targets  by system name, as receipts, circuits and metrics name it
 * @param choices  settings that pick a target (e.g. {@code socialwire.support.target}) and the values each allows
 */
@ConfigurationProperties("socialwire")
public record TargetsProperties(Map<String, Target> targets, Map<String, List<String>> choices) {

    /**
     * One system of record.
     *
     * @param continueWith    by record type, the endpoint (a kamelet) that continues a conversation's record of that
     *                        type; {@code default} serves any other type; {type} stands for the type
     * @param batchWriteWith  the route that writes the writes its batched kamelets collected in a lane batch (the
     *                        body: a list of {@code io.socialwire.delivery.batch.Write}, one group), if any
     * @param recordUrl       a link to a record as a person opens it; {type} and {id} stand for the record's
     * @param refusals        answers (HTTP statuses) that say the record itself is refused: dead-lettered, not retried
     * @param retriedErrors   error codes that come with a refusal status but that retrying fixes (a race, a lock)
     * @param erasure         what an erasure does there: {@code anonymise} (through {@code eraseWith}) or {@code none}
     * @param eraseWith       the endpoint that overwrites one interaction's copies in the system
     * @param eraseAuthorWith the endpoint that overwrites what the system keeps of an author (optional)
     */
    public record Target(
            Map<String, String> continueWith,
            String batchWriteWith,
            String recordUrl,
            @DefaultValue({"300", "400", "404", "405", "409", "413", "415", "422"}) Set<Integer> refusals,
            @DefaultValue({}) List<String> retriedErrors,
            @DefaultValue("none") String erasure,
            String eraseWith,
            String eraseAuthorWith) {
    }
}
