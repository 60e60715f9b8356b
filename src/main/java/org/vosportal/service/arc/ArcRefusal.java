package org.vosportal.service.arc;

import java.io.IOException;

/** What {@link ArcTree} refuses, in words a user can read; the service maps each to its fault. */
public abstract sealed class ArcRefusal extends IOException {

    ArcRefusal(String message) {
        super(message);
    }

    /** No such entry. */
    public static final class NotFound extends ArcRefusal {
        public NotFound(String message) {
            super(message);
        }
    }

    /** A symbolic link on the way, or an entry swapped for one while it was opened. */
    public static final class LinkRefused extends ArcRefusal {
        public LinkRefused(String message) {
            super(message);
        }
    }

    /** A file where a folder was needed. */
    public static final class NotADirectory extends ArcRefusal {
        public NotADirectory(String message) {
            super(message);
        }
    }

    /** A folder or a special file where a file was needed. */
    public static final class NotAFile extends ArcRefusal {
        public NotAFile(String message) {
            super(message);
        }
    }
}
