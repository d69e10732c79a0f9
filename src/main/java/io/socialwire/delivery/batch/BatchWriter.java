package io.socialwire.delivery.batch;

import java.util.List;

/**
 * Sends one system's writes of a lane batch in as few calls as its API allows. Each write is marked
 * {@link Write#written written} or {@link Write#refused refused}; a failure retrying can fix (an outage, a rate
 * limit) is thrown, and the writes not yet done wait for the lane's retry.
 */
public interface BatchWriter {

    /** The system written to, as {@code socialwire.targets} names it. */
    String system();

    /** Sends {@code writes}, ready writes of one group, in order. */
    void write(LaneBatch batch, List<Write> writes) throws InterruptedException;
}
