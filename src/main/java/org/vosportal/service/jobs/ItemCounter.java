package org.vosportal.service.jobs;

import java.util.ArrayList;
import java.util.List;
import org.vosportal.vospace.UwsJob;
import org.vosportal.vospace.UwsJob.Phase;

/**
 * Success and error counts of a recursive job, and the outcome CADC's clients expect from them:
 * COMPLETED without errors, ABORTED with some, ERROR when nothing succeeded; {@code errorcount}
 * only when above zero (the vos client treats "final:0" as a failure).
 */
public final class ItemCounter {

    /** CADC stops a recursive job after this many errors. */
    public static final int MAX_ERRORS = 100;

    private long successes;
    private long errors;
    private String firstError;

    public void success() {
        successes++;
    }

    public void error(String message) {
        errors++;
        if (firstError == null) {
            firstError = message;
        }
    }

    public boolean tooManyErrors() {
        return errors > MAX_ERRORS;
    }

    public long successes() {
        return successes;
    }

    public long errors() {
        return errors;
    }

    public Job.Outcome outcome() {
        List<UwsJob.Result> results = new ArrayList<>();
        results.add(new UwsJob.Result("successcount", "final:" + successes));
        if (errors == 0) {
            return new Job.Outcome(Phase.COMPLETED, results, null);
        }
        results.add(new UwsJob.Result("errorcount", "final:" + errors));
        String msg = errors + " item(s) failed; first: " + firstError;
        return new Job.Outcome(successes == 0 ? Phase.ERROR : Phase.ABORTED, results,
                new UwsJob.ErrorSummary("fatal", msg));
    }
}
