package org.vosportal.vospace;

/** VOSpace fault names with the HTTP status the spec (and the CADC clients) expect. */
public enum Fault {
    InvalidURI(400),
    InvalidArgument(400),
    TypeNotSupported(400),
    ViewNotSupported(400),
    OptionNotSupported(400),
    InvalidData(400),
    InvalidToken(400),
    LinkFound(400),
    NotAuthenticated(401),
    PermissionDenied(403),
    NodeNotFound(404),
    ContainerNotFound(404),
    UnreadableLinkTarget(404),
    JobNotFound(404),
    DuplicateNode(409),
    /** Not VOSpace's: a share link that was revoked or has expired (this service's extension). */
    Gone(410),
    PreconditionFailed(412),
    RequestEntityTooLarge(413),
    QuotaExceeded(413),
    RangeNotSatisfiable(416),
    NodeLocked(423),
    InternalFault(500),
    ServiceBusy(503);

    private final int status;

    Fault(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
