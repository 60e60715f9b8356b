package org.vosportal.portal;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import java.util.List;
import org.vosportal.vospace.VosPath;

/**
 * The portal's user-facing words, keyed by what happened (the pages' fixed labels and buttons are
 * the other half of the catalogue, {@link PortalWords}): pages and fragments read them as
 * {@code {msg:key(args)}}, beans inject it, static code calls {@link Messages#get()}. Arguments are plain text; the page that
 * shows a message escapes it (Qute escapes every expression of an HTML template).
 */
@MessageBundle("msg")
// at most 300 messages per bundle: Quarkus 3.33 generates a broken class above that (quarkusio/quarkus#55584);
// the pages' fixed words are in PortalWords ({words:...})
public interface PortalMessages {

    // ---- the landing page (visitors) and the session

    @Message("Storage for astronomy data")
    String landingTitle();

    @Message("Keep your survey data here, share it with collaborators or the public, and reach it from the browser or the vos command-line tools.")
    String landingLead();

    @Message("Share a file or folder with your groups, with a time-limited link, or with everyone.")
    String landingShare();

    @Message("The same storage answers vls, vcp and vsync (VOSpace 2.1).")
    String landingTools();

    @Message("Download whole folders as ZIP or TAR, or as a list of links for wget.")
    String landingDownload();

    @Message("Log in")
    String logIn();

    @Message("Browse what is public")
    String browsePublic();

    @Message("Public folders")
    String publicFolders();

    @Message("Nothing is public here yet.")
    String noPublicFolders();

    @Message("You are logged out.")
    String loggedOut();

    // ---- the listing

    @Message("This folder is empty — drop files here or use Upload.")
    String emptyWritable();

    @Message("This folder is empty.")
    String empty();

    /** The quota in the pathbar: "1.2 GiB of 10.0 GiB". */
    @Message("{used} of {quota}")
    String quotaOf(String used, String quota);

    @Message("Nothing here is named like '{filter}'.")
    String noMatch(String filter);

    @Message("Filtered: {filter}")
    String filteredBy(String filter);

    @Message("Show everything in this folder")
    String clearFilter();

    /** A row the caller cannot read (the service says so: core#readable). */
    @Message("no access")
    String noAccess();

    @Message("You cannot open or download this")
    String noAccessExplained();

    /** By the Download buttons, when rows are marked "no access": said before an archive leaves them out. */
    @Message("Items marked “no access” are not readable by you: a ZIP or TAR leaves them out and names them in MISSING.txt.")
    String archiveLeavesOutUnreadable();

    @Message("No match yet; look further below.")
    String noMatchYet();

    @Message("This is what matches so far; the folder holds more, and the rest is searched when you load more.")
    String filterScanned();

    // ---- flash: what an action just did (shown once, on the page it redirects to)

    @Message("Folder '{name}' created.")
    String folderCreated(String name);

    @Message("Link '{name}' created.")
    String linkCreated(String name);

    @Message("Deleted {what}.")
    String deleted(String what);

    @Message("Deleting {what}: the folder is being emptied in the background.")
    String deleting(String what);

    @Message("{count} {#if count == 1}item{#else}items{/if} moved.")
    String moved(int count);

    @Message("{count} {#if count == 1}item{#else}items{/if} copied.")
    String copied(int count);

    @Message("'{from}' renamed to '{to}'.")
    String renamed(String from, String to);

    @Message("Still working on it in the background; the listing refreshes when it is done.")
    String stillRunning();

    @Message("Permissions saved.")
    String permissionsSaved();

    @Message("Permissions applied to everything inside.")
    String permissionsAppliedInside();

    @Message("Still applying permissions inside this folder; refresh in a moment.")
    String permissionsStillRunning();

    @Message("Metadata saved.")
    String metadataSaved();

    @Message("Share link created.")
    String shareLinkCreated();

    /** After the login that followed an ended session: the form sent with it was not replayed. */
    @Message("Your session had expired, so your last action was not carried out. You are logged in again: please repeat it.")
    String sessionEndedRepeat();

    /** How a flash names one item ('report.fits') or several ('2 items'). */
    @Message("{#if count == 1}'{name}'{#else}{count} items{/if}")
    String itemsNamed(int count, String name);

    @Message("Some items inside could not be changed: {why}")
    String someInsideUnchanged(String why);

    @Message("'{group}' is not a valid group name.")
    String badGroupName(String group);

    @Message("A property name cannot contain spaces.")
    String badPropertyName();

    @Message("Choose 1 hour, 1 day or 7 days.")
    String badShareExpiry();

    @Message("Log in to share files.")
    String logInToShare();

    @Message("Log in to upload files.")
    String logInToUpload();

    @Message("Invalid file name: {why}")
    String badFileName(String why);

    // the upload routes' answers (plain text; the uploads panel shows them on the file's line)

    @Message("Unknown service.")
    String uploadUnknownService();

    @Message("X-Upload-Offset is required.")
    String uploadOffsetRequired();

    @Message("Your session has expired. Log in again.")
    String sessionExpired();

    @Message("The connection dropped; the upload will resume.")
    String uploadWillResume();

    @Message("The storage service is not answering.")
    String serviceNotAnswering();

    @Message("The storage service is not answering. Try again in a moment.")
    String serviceNotAnsweringTryAgain();

    @Message("Uploaded {name}")
    String uploaded(String name);

    @Message("{name} already exists in {folder}; nothing was replaced.")
    String alreadyExists(String name, String folder);

    @Message("The upload of {name} was interrupted. Nothing was changed; try again.")
    String uploadInterrupted(String name);

    @Message("You don't have write access to {folder}.")
    String uploadNoWriteAccess(String folder);

    @Message("The folder {folder} does not exist any more.")
    String uploadFolderGone(String folder);

    @Message("{name} is a folder; choose another name.")
    String uploadOntoFolder(String name);

    @Message("The upload of {name} arrived damaged (checksum mismatch). Try again.")
    String uploadDamaged(String name);

    @Message("Not enough space left in your quota for {name}.")
    String uploadOverQuota(String name);

    @Message("{name} is locked.")
    String uploadLocked(String name);

    @Message("The service refused {name}: {detail}")
    String uploadRefused(String name, String detail);

    @Message("The storage service failed to store {name}. Try again in a moment.")
    String uploadNotStored(String name);

    @Message("Choose a file to upload.")
    String noFileChosen();

    @Message("Only {received} of {size} bytes arrived; resume the upload.")
    String uploadIncomplete(long received, long size);

    @Message("This upload is not known (it may have expired). Start it again.")
    String unknownUpload();

    @Message("The selection holds more than {max} files; choose fewer.")
    String selectionTooLarge(int max);

    @Message("This service sorts only its first {limit} items by size or date. Sort by name to see them all.")
    String sortCapped(String limit);

    @Message("This folder changed while you were scrolling. Reload it to see the rest.")
    String changedWhileScrolling();

    @Message("This request came from another site, so it was refused. Use the storage pages themselves to change anything.")
    String crossSite();

    @Message("This form expired or came from another site. Reload the page and try again.")
    String formExpired();

    @Message("You already have {count} uploads running; this one will start when you try again after one has finished.")
    String tooManyUploads(int count);

    @Message("You already have {count} downloads running; wait for one to finish and try again.")
    String tooManyDownloads(int count);

    @Message("Download links")
    String linksTitle();

    @Message("These links work without logging in until they expire (about an hour).")
    String linksExplained();

    @Message("Left out:")
    String linksLeftOut();

    @Message("Back to the folder")
    String backToFolder();

    // ---- background jobs (the listing's status line)

    @Message("Deleting '{name}'")
    String jobDeleting(String name);

    @Message("{what}: {phase}…")
    String jobRunning(String what, String phase);

    @Message("{what}: done.")
    String jobDone(String what);

    @Message("{what}: finished with problems ({why}).")
    String jobFailed(String what, String why);

    // ---- VOSpace faults of one item of a batch, in words

    @Message("something with that name is already there")
    String faultDuplicate();

    @Message("you don't have write access there")
    String faultDenied();

    @Message("not found (moved or deleted meanwhile?)")
    String faultGone();

    @Message("a folder cannot go inside itself")
    String faultIntoItself();

    @Message("it is locked")
    String faultLocked();

    @Message("not enough quota at the destination")
    String faultQuota();

    // ---- who can really open a node (listing badges and chips, the details page, its fix)

    @Message("Anyone with the link can open it")
    String publicWorksTitle();

    @Message("Marked public; this service does not say whether the folders above let anyone through")
    String publicUnsureTitle();

    @Message("public · blocked")
    String publicBlocked();

    @Message("Marked public, but anonymous visitors are refused: the folder {folder} above is private")
    String publicBlockedTitle(VosPath folder);

    @Message("the folder {folder} above is private")
    String publicBlockedWhy(VosPath folder);

    @Message("{group} · blocked")
    String groupBlocked(String group);

    @Message("{group} members are refused: a folder above is not shared with them")
    String groupBlockedTitle(String group);

    @Message("a folder above is not shared with {group}")
    String groupBlockedWhy(String group);

    @Message("Who can open it")
    String whoTitle();

    @Message("This service does not say whether the folders above let people through: the permissions above work only where every folder above allows them too.")
    String whoUnknown();

    @Message("Anyone with the link, also without logging in.")
    String whoAnyone();

    @Message("{#each groups}{it}{#if it_hasNext}, {/if}{/each} members and {#if you}you{#else}{owner}{/if}.")
    String whoGroups(List<String> groups, boolean you, String owner);

    /** Nobody but the home's owner; {@code reason} is a {@link #closedAbove}, or null. */
    @Message("Only {#if you}you{#else}{owner}{/if}{#if reason}: {reason}{/if}.")
    String whoOnly(boolean you, String owner, String reason);

    /** An audience the node grants that cannot reach it: anyone (group null) or a group's members. */
    @Message("Not {#if group}all {group} members{#else}anyone{/if}: {reason}.")
    String whoNot(String group, String reason);

    /** Why an audience (anyone: group null) cannot reach a node; {@code folder} null when not known. */
    @Message("{#if folder}the folder {folder} above is{#else}a folder above is{/if} {#if group}not shared with {group}{#else}private{/if}")
    String closedAbove(String group, String folder);

    @Message("This makes {#each folders}{it}{#if it_hasNext}, {/if}{/each} public. That also shows anyone the names, sizes and dates of everything in {#if folders.size == 1}that folder{#else}those folders{/if}; what is in them stays closed unless it is public itself.")
    String openPublicReveals(List<VosPath> folders);

    @Message("Make {#if folders.size == 1}this folder{#else}these {folders.size} folders{/if} public")
    String openPublicButton(List<VosPath> folders);

    @Message("This lets {group} read {#each folders}{it}{#if it_hasNext}, {/if}{/each}. That also shows its members the names, sizes and dates of everything in {#if folders.size == 1}that folder{#else}those folders{/if}; what is in them stays closed unless it is shared with them itself.")
    String openGroupReveals(String group, List<VosPath> folders);

    @Message("Let {group} read {#if folders.size == 1}this folder{#else}these {folders.size} folders{/if}")
    String openGroupButton(String group, List<VosPath> folders);

    @Message("Public link (works for anyone only if every folder above is public too; this service does not say):")
    String publicLinkUnsure();

    @Message("No public link yet: it is marked public, but the folder {folder} above is private, so anyone else is refused.")
    String noPublicLinkYet(VosPath folder);

    @Message("Opened the folders on the way.")
    String pathOpened();

    @Message("This item is not public itself: make it public first.")
    String openNotPublic();

    @Message("This item is not shared with {group} itself: add the group first.")
    String openNotShared(String group);

    @Message("Choose whom to open the folders to.")
    String openWhom();

    @Message("Log in to change permissions.")
    String logInToChangePermissions();

    // ---- titles of error pages, by HTTP status

    @Message("That did not work")
    String titleBadRequest();

    @Message("Permission denied")
    String titleDenied();

    @Message("Not found")
    String titleNotFound();

    @Message("Already exists")
    String titleConflict();

    @Message("Refused")
    String titleRefused();

    @Message("Too large")
    String titleTooLarge();

    @Message("Quota exceeded")
    String titleQuota();

    @Message("Locked")
    String titleLocked();

    @Message("Busy")
    String titleBusy();

    @Message("Too many at once")
    String titleTooMany();

    @Message("Storage full")
    String titleStorageFull();

    @Message("Storage unavailable")
    String titleUnavailable();

    @Message("Something went wrong")
    String titleBug();

    // ---- faults: why something was refused

    @Message("There is no storage service called '{svc}'.")
    String noSuchService(String svc);

    @Message("That address is not a valid path.")
    String invalidAddress();

    @Message("That address is not a valid path: {why}")
    String invalidAddressWhy(String why);

    @Message("Invalid path: {why}")
    String invalidPath(String why);

    @Message("Invalid destination: {why}")
    String invalidDestination(String why);

    @Message("'{name}' cannot be a folder name: {why}.")
    String badFolderName(String name, String why);

    @Message("'{name}' cannot be a name: {why}.")
    String badName(String name, String why);

    @Message("A file or folder named '{name}' already exists here.")
    String nameTaken(String name);

    @Message("A link points to a web address (https://…) or a path in this storage (/…).")
    String badLinkTarget();

    @Message("This link points outside the storage: {target}")
    String linkOutside(String target);

    @Message("This link points to '{target}', which does not exist.")
    String danglingLink(String target);

    @Message("Select something to delete first.")
    String nothingToDelete();

    @Message("Select one or more items first.")
    String nothingSelected();

    @Message("Select exactly one item to rename.")
    String renameOne();

    @Message("Choose a destination folder.")
    String noDestination();

    @Message("Unknown action.")
    String unknownAction();

    @Message("Archives are served by /archive.")
    String archivesElsewhere();

    @Message("{#if done == 1}1 item {verb}; {#else if done > 1}{done} items {verb}; {/if}could not do it for: {errors}")
    String partlyDone(int done, String verb, String errors);

    @Message("This task is not known any more.")
    String unknownJob();

    @Message("This is private. Log in to see it, if it was shared with you.")
    String privateLogIn();

    @Message("You don't have permission for this. Ask the owner to give you (or one of your groups) access.")
    String noPermission();

    @Message("Not found. It may have been moved or deleted.")
    String notFound();

    @Message("Something with that name already exists here.")
    String somethingThere();

    @Message("There is not enough space left in the quota for this.")
    String overQuota();

    @Message("This item is locked. Unlock it first.")
    String locked();

    @Message("The storage service refused the request: {detail}")
    String serviceRefused(String detail);

    @Message("The storage service is busy with your other requests. Please try again in a moment.")
    String serviceBusy();

    @Message("The storage service has run out of disk space. Nothing was changed; please try again later or tell the support team.")
    String serviceFull();

    @Message("The storage service '{svc}' is not answering properly right now. Please try again in a moment.")
    String serviceBroken(String svc);

    @Message("The storage service '{svc}' cannot be reached right now. Your files are safe; please try again in a moment.")
    String serviceUnreachable(String svc);

    @Message("This is a fault in the storage portal, not something you did. Please try again in a moment; if it keeps happening, tell the support team the error id.")
    String bug();

    // ---- trash (deletes through the portal, the trash page; docs/ARCHITECTURE.md "Trash")

    @Message("Moved {what} to the trash.")
    String movedToTrash(String what);

    @Message("Deleted {what} permanently.")
    String deletedForGood(String what);

    @Message("{trashed} moved to the trash; {deleted} deleted permanently (not in your home, so there is no trash for them).")
    String trashedAndDeleted(int trashed, int deleted);

    @Message("'{name}'")
    String quoted(String name);

    @Message("'{name}' (a folder with {files} {#if files == 1}file{#else}files{/if})")
    String folderWithFiles(String name, int files);

    @Message("'{name}' (the folder and everything in it)")
    String folderWithEverything(String name);

    @Message("{items} and {count} more")
    String andMore(String items, int count);

    @Message("{count} other {#if count == 1}item{#else}items{/if}")
    String otherItems(int count);

    /** The delete confirmation: {@code toTrash} and {@code forGood} are lists of named items, either may be empty. */
    @Message("{#if toTrash}Move {toTrash} to the trash? You can restore {#if oneToTrash}it{#else}them{/if} for {retention}.{/if}{#if toTrash && forGood} {/if}{#if forGood}Delete {forGood} permanently? {#if oneForGood}It is{#else}They are{/if} not in your home, so there is no trash for {#if oneForGood}it{#else}them{/if}: this cannot be undone.{/if}")
    String deleteQuestion(String toTrash, boolean oneToTrash, String forGood, boolean oneForGood, String retention);

    @Message("Move to trash")
    String moveToTrashButton();

    @Message("Delete permanently")
    String deleteForGoodButton();

    @Message("The trash is not deleted from the listing: open the trash and use Empty trash.")
    String trashNotDeletable();

    @Message("That is not an item of your trash (restored or deleted meanwhile?).")
    String trashNoSuchItem();

    @Message("'{path}' is not a folder, so the trash cannot be kept there. Rename it and try again.")
    String trashNotAFolder(String path);

    @Message("Cannot restore there: '{path}' is not a folder any more.")
    String restoreParentNotAFolder(String path);

    @Message("'{name}' could not be moved to the trash: {why}")
    String trashMoveFailed(String name, String why);

    @Message("'{name}' could not be restored to {folder}: {why}")
    String restoreFailed(String name, String folder, String why);

    @Message("'{name}' could not be deleted: {why}")
    String trashDeleteFailed(String name, String why);

    @Message("{n} {#if n == 1}day{#else}days{/if}")
    String days(int n);

    @Message("{n} {#if n == 1}hour{#else}hours{/if}")
    String hours(int n);

    @Message("{n} {#if n == 1}minute{#else}minutes{/if}")
    String minutes(int n);

    @Message("Trash")
    String trashTitle();

    @Message("Trash{#if count} ({count}){/if}")
    String trashLink(String count);

    @Message("Open the trash{#if count}: {count} {#if count == '1'}item{#else}items{/if}{/if}")
    String trashLinkTitle(String count);

    @Message("Deleted items stay here for {retention}, then they are removed for good. Until then they count in your quota.")
    String trashLead(String retention);

    @Message("The trash is empty.")
    String trashEmpty();

    @Message("Log in to see your trash.")
    String trashLogIn();

    @Message("There is no home for you on '{svc}', so no trash either.")
    String trashNoHome(String svc);

    @Message("Original location")
    String trashOriginal();

    @Message("your home (where it was is not recorded)")
    String trashOriginalUnknown();

    @Message("Deleted (UTC)")
    String trashDeleted();

    @Message("Restore")
    String restore();

    @Message("Delete forever")
    String deleteForever();

    @Message("Empty trash")
    String emptyTrash();

    @Message("Delete '{name}' permanently? This cannot be undone.")
    String deleteForeverQuestion(String name);

    @Message("Delete all {count} {#if count == 1}item{#else}items{/if} in the trash permanently? This cannot be undone.")
    String emptyTrashQuestion(int count);

    /** Empty trash asked on a page that does not hold the whole trash: its count is not known. */
    @Message("Delete everything in the trash permanently, not only the items on this page? This cannot be undone.")
    String emptyTrashQuestionAll();

    @Message("Nothing more in the trash.")
    String trashNoMore();

    @Message("More deleted items")
    String trashMore();

    @Message("Back to the last deleted")
    String trashFirstPage();

    @Message("Restored '{name}' to {folder}{#if renamed} as '{newName}', because '{name}' is taken there{/if}.{#if recreated} The folder did not exist any more and was made again.{/if}")
    String restored(String name, String folder, String newName, boolean renamed, boolean recreated);

    @Message("Deleted '{name}' permanently.")
    String deletedForever(String name);

    @Message("The trash is empty now.")
    String trashEmptied();

    @Message("The trash is being emptied in the background; reload in a moment.")
    String trashEmptying();

    @Message("{n} {#if n == 1}item was{#else}items were{/if} in the trash longer than {retention} and {#if n == 1}was{#else}were{/if} removed for good.")
    String trashPurged(int n, String retention);

    @Message("Back to your home")
    String backToHome();
    // ---- sharing: the Shares page, share links in the details dialog, copy buttons (shares)

    @Message("Shares")
    String sharesNav();

    @Message("Shares")
    String sharesTitle();

    @Message("Back to your files")
    String backToFiles();

    @Message("The storage service '{svc}' keeps no lists of share links or of what was shared with you, so they cannot be shown here. Links made in a file's details still work until they expire.")
    String sharingListsUnavailable(String svc);

    @Message("Links you shared")
    String linksYouShared();

    @Message("You have no active share links. Make one in a file's details, under Share.")
    String noLinksShared();

    @Message("Shared with me")
    String sharedWithMe();

    @Message("What others shared with your groups. Folders are listed once, not every file inside them.")
    String sharedWithMeLead();

    @Message("Nothing has been shared with your groups yet.")
    String nothingSharedWithMe();

    @Message("read")
    String accessRead();

    @Message("read/write")
    String accessReadWrite();

    @Message("Show more")
    String showMore();

    @Message("Copy")
    String copy();

    @Message("Copied")
    String copiedToClipboard();

    @Message("Selected: press Ctrl+C to copy")
    String copyManually();

    @Message("Revoke")
    String revoke();

    @Message("Revoke the link to {path}? It stops working at once, for everyone who has it.")
    String revokeQuestion(String path);

    @Message("Share link revoked: it no longer works.")
    String shareLinkRevoked();

    @Message("Which share link? None was named.")
    String noShareLinkNamed();

    @Message("Share link to {path}")
    String shareLinkTo(String path);

    @Message("Active links to this file")
    String activeLinksOfFile();

    @Message("made by {creator}")
    String linkMadeBy(String creator);

    @Message("Copy the share link")
    String copyShareLink();

    @Message("no longer works: the file was moved or replaced")
    String shareLinkBroken();
    // ---- look: the details in plain words, the uploads panel, the colour scheme

    @Message("About")
    String aboutTitle();

    @Message("Size")
    String factSize();

    /** A size of 1 KiB or more: "11.2 KiB (11,468 bytes)". */
    @Message("{binary} ({bytes} bytes)")
    String sizeExact(String binary, String bytes);

    @Message("{bytes} {#if bytes == '1'}byte{#else}bytes{/if}")
    String sizeBytes(String bytes);

    @Message("Modified")
    String factModified();

    @Message("Checksum (MD5)")
    String factChecksum();

    @Message("Type")
    String factType();

    @Message("Owner")
    String factOwner();

    @Message("Public")
    String factPublic();

    @Message("Yes: anyone may read it, also without logging in")
    String publicYes();

    @Message("No")
    String publicNo();

    @Message("Groups")
    String factGroups();

    @Message("read and write")
    String groupWrites();

    @Message("read")
    String groupReads();

    @Message("No groups")
    String noGroups();

    @Message("Locked")
    String factLocked();

    @Message("Yes: it cannot be changed or deleted until it is unlocked")
    String lockedYes();

    @Message("Points to")
    String factTarget();

    @Message("exists")
    String targetExists();

    @Message("does not exist")
    String targetMissing();

    @Message("you cannot see whether it exists")
    String targetUnknown();

    /** The collapsed section with the raw VOSpace properties. */
    @Message("Advanced: all VOSpace properties")
    String advancedTitle();

    @Message("Property")
    String propertyColumn();

    @Message("Value")
    String valueColumn();

    @Message("read-only")
    String readOnly();

    // the uploads panel's words, read by js/uploads-panel.js from data- attributes (%name: filled in there)

    @Message("Dark theme")
    String darkTheme();

    // ---- FITS (details of a FITS file: headers and cutouts; FitsController)

    @Message("FITS")
    String fitsTitle();

    @Message("Show the headers")
    String fitsShowHeaders();

    @Message("Search the headers")
    String fitsSearch();

    @Message("{#if index == 0}Primary HDU{#else}Extension {index}{/if}{#if extname} ({extname}){/if}")
    String fitsHdu(int index, String extname);

    @Message("{count} {#if count == 1}card{#else}cards{/if}")
    String fitsCards(int count);

    @Message("No card matches.")
    String fitsNoMatch();

    @Message("Cutout")
    String cutoutTitle();

    @Message("{#if index == 0}The image{#else}Extension {index}{#if extname} ({extname}){/if}{/if}: {width} × {height} pixels centred on RA {ra}°, Dec {dec}°; it spans {#if allRa}every RA (it holds a pole){#else}RA {raFrom}° to {raTo}°{/if} and Dec {decMin}° to {decMax}°. A circle of radius up to {radius}° around the centre lies inside it.")
    String fitsFootprint(int index, String extname, long width, long height, String ra, String dec, boolean allRa,
            String raFrom, String raTo, String decMin, String decMax, String radius);

    @Message("The headers give no sky position (no celestial WCS this portal reads): use pixel ranges.")
    String fitsNoFootprint();

    @Message("Pixels, as in vcp: [100:200,100:200], [1][*,1:50] or [SCI,2][10:20,10:20]")
    String cutoutPixelsLabel();

    @Message("or a circle on the sky (degrees):")
    String cutoutCircleLabel();

    @Message("RA")
    String cutoutRa();

    @Message("Dec")
    String cutoutDec();

    @Message("Radius")
    String cutoutRadius();

    @Message("Download the cutout")
    String cutoutDownload();

    @Message("This cutout cannot be made: {reason}.")
    String cutoutRefused(String reason);

    @Message("The storage service '{svc}' does not offer the headers of FITS files.")
    String fitsHeadersNotOffered(String svc);

    // ---- previews (details of a FITS file, an image or a text file; the listing's grid; PreviewController)

    @Message("The first {count} {#if count == 1}line{#else}lines{/if}; the file goes on.")
    String textPreviewTruncated(int count);

    @Message("This file does not look like text (it is not UTF-8), so there is no preview of its lines.")
    String textPreviewNotText();

    @Message("This file is empty.")
    String textPreviewEmpty();

    @Message("The preview size '{size}' is not a number of pixels from 16 to 2048.")
    String previewSizeInvalid(String size);

    @Message("The storage service '{svc}' does not make previews.")
    String previewsNotOffered(String svc);

    // ---- the listing's action bar, "select all in this folder", the context menu, cut/copy/paste (actionbar)

    @Message("{#if count == '1'}1 item{#else}{count} items{/if}")
    String folderItems(String count);

    @Message("more than {count} items")
    String folderItemsAtLeast(String count);

    @Message("With the selected items:")
    String barLegend();

    @Message("selected")
    String barSelected();

    @Message("Select all {count} in this folder")
    String selectAllInFolder(String count);

    @Message("Select everything in this folder")
    String selectEverythingInFolder();

    @Message("Select all matching “{filter}” in this folder")
    String selectAllMatching(String filter);

    @Message("All {count} items in this folder selected")
    String allInFolderSelected(String count);

    @Message("Everything in this folder selected")
    String everythingSelected();

    @Message("All items matching “{filter}” selected")
    String allMatchingSelected(String filter);

    @Message("Clear selection")
    String clearSelection();

    @Message("Move to…")
    String moveTo();

    @Message("Copy to…")
    String copyTo();

    @Message("Cut")
    String cut();

    @Message("Copy")
    String copyToClipboard();

    @Message("Paste")
    String paste();

    @Message("Open")
    String open();

    @Message("Download")
    String download();

    @Message("Details, permissions and sharing")
    String detailsPermissionsSharing();

    @Message("Rename")
    String rename();

    @Message("Delete")
    String delete();

    @Message("Actions for the selected items")
    String contextMenuLabel();

    @Message("'{path}' is not a folder.")
    String notAFolder(String path);

    // ---- search below a folder (the service's search extension)

    @Message("{svc} cannot search its folders: only this portal's own storage can. Use the folder's filter instead.")
    String searchUnavailable(String svc);

    @Message("Search for at most 255 characters.")
    String searchTooLong();

    // ---- FITS keywords as searchable properties

    @Message("Copied into the metadata: {keywords}.")
    String fitsIndexed(String keywords);

    @Message("The headers hold none of OBJECT, TELESCOP, INSTRUME, DATE-OBS, FILTER, EXPTIME, RA or DEC: nothing was copied.")
    String fitsNothingToIndex();
}
