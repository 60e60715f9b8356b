package org.vosportal.vospace.client;

/**
 * A VOSpace service answered with an error (status and fault name parsed from its
 * {@code <Fault>: <detail>} body), or could not be reached at all (status 502/504).
 */
public class UpstreamException extends RuntimeException {

    private final int status;
    private final String fault;
    private final String detail;

    public UpstreamException(int status, String fault, String detail) {
        super(fault + (detail == null || detail.isEmpty() ? "" : ": " + detail) + " (HTTP " + status + ")");
        this.status = status;
        this.fault = fault;
        this.detail = detail;
    }

    /** Parses a fault body such as {@code "NodeNotFound: /alice/x"}. */
    public static UpstreamException fromBody(int status, String body) {
        String text = body == null ? "" : body.strip();
        if (text.length() > 500) {
            text = text.substring(0, 500);
        }
        int colon = text.indexOf(':');
        String head = colon > 0 ? text.substring(0, colon) : text;
        if (!head.isEmpty() && head.matches("[A-Za-z]+")) {
            return new UpstreamException(status, head, colon > 0 ? text.substring(colon + 1).strip() : "");
        }
        return new UpstreamException(status, "HTTP" + status, text);
    }

    public static UpstreamException unreachable(String what, Throwable cause) {
        UpstreamException e = new UpstreamException(502, "ServiceUnreachable", what);
        e.initCause(cause);
        return e;
    }

    /**
     * A failure filter for Mutiny ({@code onFailure(UpstreamException.withStatus(404))}): the
     * service refused with {@code status}.
     */
    public static java.util.function.Predicate<Throwable> withStatus(int status) {
        return e -> e instanceof UpstreamException u && u.status() == status;
    }

    public int status() {
        return status;
    }

    public String fault() {
        return fault;
    }

    public String detail() {
        return detail;
    }
}
