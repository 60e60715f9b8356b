package org.vosportal.vospace;

import java.util.Set;

/** Property URIs of VOSpace core and the CADC extensions the clients use. */
public final class Props {

    private Props() {
    }

    public static final String CORE = "ivo://ivoa.net/vospace/core#";
    public static final String CADC = "ivo://cadc.nrc.ca/vospace/core#";

    public static final String DATE = CORE + "date";
    public static final String LENGTH = CORE + "length";
    public static final String MD5 = CORE + "MD5";
    public static final String CREATOR = CORE + "creator";
    public static final String QUOTA = CORE + "quota";
    public static final String AVAILABLE_SPACE = CORE + "availableSpace";
    public static final String CONTENT_DATE = CORE + "content-date";
    public static final String IS_PUBLIC = CORE + "ispublic";
    public static final String GROUP_READ = CORE + "groupread";
    public static final String GROUP_WRITE = CORE + "groupwrite";
    public static final String TYPE = CORE + "type";
    public static final String ENCODING = CORE + "encoding";
    public static final String IS_LOCKED = CADC + "islocked";
    public static final String INHERIT_PERMISSIONS = CADC + "inheritPermissions";
    public static final String READABLE = CADC + "readable";
    public static final String WRITABLE = CADC + "writable";
    /**
     * Who can actually open the node, computed along its whole path (every folder between the
     * home and the node must grant read too): {@code true} when anyone can, without logging in.
     * Only on the node a request names (detail max), never on the children of a listing: a child
     * of a folder below a home is effectively public when the folder is and the child is public
     * (a child of a home, when it is public).
     */
    public static final String EFFECTIVE_PUBLIC = CADC + "effectivePublic";
    /** The groups (URIs, space-separated) whose members can open the node through its whole path. */
    public static final String EFFECTIVE_GROUP_READ = CADC + "effectiveGroupRead";
    /** The node URI of the first folder above the node that is not public, when there is one. */
    public static final String PUBLIC_BLOCKED_BY = CADC + "publicBlockedBy";

    /**
     * How many children a container has (read-only, computed): only on the container a request
     * names (detail max) and only for callers who may list it (one index count, no walk).
     */
    public static final String CHILD_COUNT = CORE + "childCount";

    /**
     * Not a property but a {@code sort} value the embedded service accepts: folders first, then
     * the rest, each by name case-insensitively (a file manager's name order; keyset paging with
     * {@code uri} as in the other orders).
     */
    public static final String SORT_FOLDERS_FIRST = "ivo://opencadc.org/vospace/sort#foldersFirstName";

    /**
     * The portal's trash (docs/ARCHITECTURE.md, "Trash"): a node the portal moved into a home's
     * {@code .trash} container carries where it was ({@code originalPath}, a node path such as
     * {@code /alice/survey/a.fits}) and when it was deleted ({@code deletedAt}, ISO-8601 instant).
     * Ordinary free-form properties, so any VOSpace service keeps them.
     */
    public static final String TRASH = "ivo://vosportal.org/vospace/trash#";
    public static final String TRASH_ORIGINAL_PATH = TRASH + "originalPath";
    public static final String TRASH_DELETED_AT = TRASH + "deletedAt";
    /** Name of the trash container in each home. */
    public static final String TRASH_FOLDER = ".trash";

    /** Every URI under ivo://ivoa.net/vospace that a client may use; anything else there is rejected. */
    public static final Set<String> CORE_URIS = Set.of(
            DATE, LENGTH, MD5, CREATOR, QUOTA, AVAILABLE_SPACE, CONTENT_DATE, IS_PUBLIC, GROUP_READ, GROUP_WRITE,
            TYPE, ENCODING, CORE + "title", CORE + "description", CORE + "subject", CORE + "publisher",
            CORE + "contributor", CORE + "format", CORE + "identifier", CORE + "source", CORE + "language",
            CORE + "relation", CORE + "coverage", CORE + "rights", CORE + "runid", CHILD_COUNT);

    /** Computed by the server: ignored when a client sends them. */
    public static final Set<String> READ_ONLY = Set.of(
            DATE, LENGTH, MD5, CREATOR, QUOTA, AVAILABLE_SPACE, CONTENT_DATE, READABLE, WRITABLE, EFFECTIVE_PUBLIC,
            EFFECTIVE_GROUP_READ, PUBLIC_BLOCKED_BY, CHILD_COUNT);

    /** Stored in dedicated columns rather than the free-form property table. */
    public static final Set<String> STRUCTURED = Set.of(
            IS_PUBLIC, GROUP_READ, GROUP_WRITE, TYPE, ENCODING, IS_LOCKED, INHERIT_PERMISSIONS);

    /** Maximum length of one free-form property value, in characters. */
    public static final int MAX_VALUE_LENGTH = 8000;
}
