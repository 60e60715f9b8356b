package org.vosportal.service.jobs;

import org.vosportal.vospace.Fault;
import org.vosportal.vospace.VosFault;

/**
 * Too many jobs: the VOSpace {@code ServiceBusy} fault, answered 429 (the caller is over a limit,
 * the service is not down) with the {@code Retry-After} FaultMappers gives every ServiceBusy.
 */
public class JobLimitFault extends VosFault {

    public JobLimitFault(String detail) {
        super(Fault.ServiceBusy, detail);
    }

    @Override
    public int status() {
        return 429;
    }
}
