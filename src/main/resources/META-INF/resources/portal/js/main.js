// The portal's script, one behaviour per module, each hooked on what the server wrote (ids,
// data- attributes, hx- attributes; URLs come from there, none is spelled in a module). Loaded
// as a module, so it runs once the document is parsed, after htmx's deferred script and before
// htmx starts. The order matters where listeners of one event must run in turn: menus first
// (it enhances swapped-in content and has the first say on Esc), the transfers panel's Esc
// before the keyboard's, the dialog-error retarget before the listing's swap bookkeeping.
import "./session.js";
import "./theme-toggle.js";
import "./menus.js";
import "./confirm.js";
import "./selection.js";
import "./action-bar.js";
import "./row-select.js";
import "./clipboard.js";
import "./context-menu.js";
import "./uploads-panel.js";
import "./upload-inputs.js";
import "./drop-upload.js";
import "./drag-move.js";
import "./rename-inline.js";
import "./keyboard.js";
import "./details-dialog.js";
import "./listing-swap.js";
import "./folder-picker.js";
import "./copy.js";
import "./fits-header.js";
import "./view-toggle.js";
