package org.vosportal.vospace;

/**
 * A VOSpace fault: the spec's fault name, its HTTP status, and a detail in plain words. Thrown by
 * the service's components and mapped once to {@code text/plain "<Fault>: <detail>"}.
 */
public class VosFault extends RuntimeException {

    private final Fault fault;

    public VosFault(Fault fault, String detail) {
        super(detail);
        this.fault = fault;
    }

    public Fault fault() {
        return fault;
    }

    public int status() {
        return fault.status();
    }

    public String detail() {
        return getMessage();
    }

    /** The body text as the clients expect it. */
    public String body() {
        return fault.name() + ": " + (getMessage() == null ? "" : getMessage()) + "\n";
    }

    public static VosFault notFound(VosPath p) {
        return new VosFault(Fault.NodeNotFound, p.toString());
    }

    public static VosFault denied(String detail) {
        return new VosFault(Fault.PermissionDenied, detail);
    }

    public static VosFault invalid(String detail) {
        return new VosFault(Fault.InvalidArgument, detail);
    }
}
