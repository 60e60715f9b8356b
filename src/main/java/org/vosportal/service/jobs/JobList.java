package org.vosportal.service.jobs;

/** The UWS job lists of the service, named by their URL segment. */
public enum JobList {
    TRANSFERS("transfers"),
    ASYNC_DELETE("async-delete"),
    ASYNC_SETPROPS("async-setprops");

    private final String segment;

    JobList(String segment) {
        this.segment = segment;
    }

    public String segment() {
        return segment;
    }

    public static JobList fromSegment(String s) {
        for (JobList l : values()) {
            if (l.segment.equals(s)) {
                return l;
            }
        }
        return null;
    }
}
