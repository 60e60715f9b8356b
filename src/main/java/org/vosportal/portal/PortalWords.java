package org.vosportal.portal;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The second half of the catalogue: the pages' fixed words (headings, labels, buttons, columns,
 * placeholders, the dialogs), the kinds of node, and the words the scripts read from the data-
 * attributes the templates write ({@code %name} filled in there). Templates read them as
 * {@code {words:key}}, Java through {@link Messages#words()}; what happened, refusals and
 * questions stay in {@link PortalMessages}. Two bundles because Quarkus 3.33's generated bundle
 * class breaks above 300 messages (quarkusio/quarkus#55584, fixed later): keep each below that.
 */
@MessageBundle("words")
public interface PortalWords {

    // ---- header, labels, buttons, columns, dialogs (templates)

    @Message("Storage")
    String storage();

    @Message("Skip to the content")
    String skipToContent();

    @Message("Storage service")
    String serviceNav();

    @Message("Log out")
    String logOut();

    @Message("Breadcrumbs")
    String breadcrumbs();

    @Message("Cancel")
    String cancel();

    @Message("OK")
    String ok();

    @Message("Close")
    String close();

    @Message("Actions")
    String actions();

    @Message("Name")
    String colName();

    @Message("Size")
    String colSize();

    @Message("Modified (UTC)")
    String colModified();

    @Message("Read/Write")
    String colReadWrite();

    @Message("Read")
    String colRead();

    @Message("Filter this folder…")
    String filterPlaceholder();

    @Message("Filter this folder by name")
    String filterLabel();

    @Message("Space used in this home")
    String quotaTitle();

    @Message("Quota used")
    String quotaLabel();

    @Message("New folder name")
    String newFolderName();

    @Message("+ Folder")
    String newFolderButton();

    // the scripts' own words (written into the listing's data- attributes; %name filled in there)

    @Message("connection lost")
    String connectionLost();

    @Message("failed (%status)")
    String requestFailed();

    @Message("New name for %name")
    String renameLabel();

    @Message("Move failed")
    String moveFailed();

    @Message("Upload files")
    String uploadFiles();

    @Message("Upload a folder")
    String uploadFolder();

    @Message("+ Link")
    String newLinkToggle();

    @Message("Link name")
    String linkName();

    @Message("https://… or /alice/folder")
    String linkTargetPlaceholder();

    @Message("Link target")
    String linkTarget();

    @Message("Create link")
    String createLink();

    @Message("working…")
    String working();

    @Message("Download:")
    String downloadAs();

    @Message("ZIP")
    String zip();

    @Message("TAR")
    String tar();

    @Message("URL list")
    String urlList();

    @Message("Links valid for about an hour; wget -i works without logging in")
    String urlListTitle();

    @Message("HTML list")
    String htmlList();

    @Message("Destination folder")
    String destinationFolder();

    @Message("New name")
    String newName();

    /** Without JavaScript the portal's own question (data-ask) is not asked: this one is. */
    @Message("Delete the selected items?")
    String deleteSelectedQuestion();

    @Message("Delete {name}?")
    String deleteNamedQuestion(String name);

    @Message("Contents of {title}{#if filter} (names containing “{filter}”){/if}")
    String listingCaption(String title, String filter);

    @Message("Select all loaded rows")
    String selectAllLoaded();

    @Message("Select {name}")
    String selectRow(String name);

    @Message("locked")
    String lockedBadge();

    @Message("public")
    String publicBadge();

    @Message("Details, permissions and sharing of {name}")
    String detailsOf(String name);

    @Message("Details, permissions, sharing")
    String detailsTitle();

    @Message("Actions for {name}")
    String actionsFor(String name);

    @Message("More…")
    String moreRows();

    @Message("Choose a destination folder")
    String pickerTitle();

    @Message("Your home")
    String yourHome();

    @Message("Open {name}")
    String openFolder(String name);

    @Message("Keyboard shortcuts")
    String shortcutsTitle();

    @Message("↑ ↓")
    String keyArrows();

    @Message("move between rows")
    String keyArrowsDoes();

    @Message("Space")
    String keySpace();

    @Message("select the row")
    String keySpaceDoes();

    @Message("Enter")
    String keyEnter();

    @Message("open")
    String keyEnterDoes();

    @Message("Backspace")
    String keyBackspace();

    @Message("go up one folder")
    String keyBackspaceDoes();

    @Message("Delete")
    String keyDelete();

    @Message("delete the selection (asks first)")
    String keyDeleteDoes();

    @Message("F2")
    String keyF2();

    @Message("rename the row (Enter saves, Esc cancels)")
    String keyF2Does();

    @Message("Ctrl+A")
    String keySelectAll();

    @Message("select all loaded rows")
    String keySelectAllDoes();

    @Message("Esc")
    String keyEsc();

    @Message("close a menu or dialog, clear the selection")
    String keyEscDoes();

    @Message("Shift+click")
    String keyShiftClick();

    @Message("select the rows from the last one clicked")
    String keyShiftClickDoes();

    @Message("Ctrl+click")
    String keyCtrlClick();

    @Message("add a row to the selection")
    String keyCtrlClickDoes();

    @Message("Shift+F10")
    String keyContextMenu();

    @Message("the row's context menu")
    String keyContextMenuDoes();

    @Message("Ctrl+X / Ctrl+C")
    String keyCutCopy();

    @Message("cut or copy the selection")
    String keyCutCopyDoes();

    @Message("Ctrl+V")
    String keyPaste();

    @Message("paste here (move or copy)")
    String keyPasteDoes();

    @Message("This name is taken")
    String conflictTitle();

    /** Between the name and the folder of "a.txt already exists in /alice." (the script fills both). */
    @Message("already exists in")
    String conflictExistsIn();

    @Message("Apply to all remaining")
    String applyToAllRemaining();

    /** "(3 more)": the conflicts still to come. */
    @Message("more")
    String remainingMore();

    @Message("Skip")
    String skip();

    @Message("Keep both")
    String keepBoth();

    @Message("Replace")
    String replace();

    @Message("Uploads")
    String uploadsTitle();

    @Message("Hide uploads")
    String hideUploads();

    @Message("Hide")
    String hide();

    @Message("Total upload progress")
    String totalUploadProgress();

    // the details page

    @Message("Metadata")
    String metadataTitle();

    @Message("Remove")
    String removeColumn();

    @Message("Value of {label}")
    String valueOf(String label);

    @Message("Remove {label}")
    String removeProperty(String label);

    @Message("No custom metadata yet.")
    String noCustomMetadata();

    @Message("e.g. TELESCOPE")
    String newKeyPlaceholder();

    @Message("New property name")
    String newPropertyName();

    @Message("e.g. CFHT")
    String newValuePlaceholder();

    @Message("New property value")
    String newPropertyValue();

    @Message("Save metadata")
    String saveMetadata();

    @Message("Permissions")
    String permissionsTitle();

    @Message("Public: anyone can read, without logging in")
    String publicCheckbox();

    @Message("Read groups")
    String readGroups();

    @Message("Read/write groups")
    String readWriteGroups();

    @Message("group names, separated by spaces")
    String groupsPlaceholder();

    @Message("Your groups:")
    String yourGroups();

    @Message("Apply to everything inside")
    String applyInside();

    @Message("New items inherit these permissions")
    String inheritPermissions();

    @Message("Save permissions")
    String savePermissions();

    /** The permissions as read by someone who may not change them. */
    @Message("Public: {#if isPublic}yes{#else}no{/if} · Read groups: {read or '—'} · Read/write groups: {write or '—'}")
    String permissionsSummary(boolean isPublic, String read, String write);

    @Message("Share")
    String shareTitle();

    @Message("Public link (works for anyone, also with curl):")
    String publicLinkWorks();

    @Message("Public link")
    String publicLinkLabel();

    @Message("Link valid until {expires}:")
    String linkValidUntil(String expires);

    @Message("Share link")
    String shareLinkLabel();

    @Message("Create a link that works without logging in for")
    String createLinkFor();

    @Message("Link lifetime")
    String linkLifetime();

    // error pages

    @Message("Error id:")
    String errorIdLabel();

    @Message("(error id {id})")
    String errorIdInline(String id);

    @Message("Go to storage")
    String goToStorage();

    // ---- columns and chips of the Shares page and the details dialog, the clipboard line

    @Message("Item")
    String colItem();

    @Message("Valid until")
    String colValidUntil();

    @Message("Link")
    String colLink();

    @Message("Owner")
    String colOwner();

    @Message("Via group")
    String colViaGroup();

    @Message("Access")
    String colAccess();

    @Message("cut")
    String clipCut();

    @Message("copied")
    String clipCopied();

    // ---- kinds of node: the type icon's text alternative, the details page's heading

    @Message("Folder")
    String kindFolder();

    @Message("Link")
    String kindLink();

    @Message("File")
    String kindFile();

    @Message("FITS file")
    String kindFits();

    @Message("Table")
    String kindTable();

    @Message("Image")
    String kindImage();

    @Message("Text file")
    String kindText();

    // ---- the uploads panel (#transfers; %name filled in by uploads-panel.js)

    @Message("Uploads: %done of %files done")
    String uploadsTotal();

    @Message(", %failed not uploaded")
    String uploadsFailed();

    @Message("done ✓")
    String uploadDone();

    @Message("cancelled")
    String uploadCancelled();

    @Message("skipped")
    String uploadSkipped();

    @Message("failed")
    String uploadFailed();

    @Message("waiting")
    String uploadWaiting();

    @Message("%left left")
    String uploadTimeLeft();

    @Message("Retry")
    String uploadRetry();

    @Message("Retry upload of %name")
    String uploadRetryOf();

    @Message("Cancel upload of %name")
    String uploadCancelOf();

    @Message("Progress of %name")
    String uploadProgressOf();

    // ---- previews (details of a FITS file, an image or a text file; the listing's grid)

    @Message("Preview")
    String previewTitle();

    @Message("Preview of {name}")
    String previewAlt(String name);

    @Message("Show the first lines")
    String textPreviewShow();

    @Message("View")
    String viewAs();

    @Message("List")
    String viewList();

    @Message("Grid")
    String viewGrid();

    // ---- search below a folder; FITS keywords as searchable properties

    @Message("Search below")
    String searchBelow();

    @Message("Search everywhere below this folder (the whole tree, not only the rows shown)")
    String searchBelowTitle();

    @Message("(this folder)")
    String searchHere();

    @Message("In folder")
    String colInFolder();

    @Message("Index FITS headers")
    String fitsIndex();

    @Message("Found for '{query}'")
    String searchTitle(String query);

    @Message("Names containing the words, anywhere below {folder}, that you can open (* and ? match any characters and one character).")
    String searchLead(String folder);

    @Message("Nothing below this folder is named like '{query}'.")
    String noSearchHits(String query);

    @Message("Nothing you can open on this page of the search; Show more looks further.")
    String noSearchHitsYet();
}
