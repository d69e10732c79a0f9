package io.socialwire.pacing;

import java.time.Instant;

/** A target asked not to be called for longer than the hub waits in one go; the record is retried later. */
public class TargetPausedException extends RuntimeException {

    public TargetPausedException(String target, Instant until) {
        super(target + " asked for no calls until " + until);
    }
}
