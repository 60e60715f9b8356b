// The "Upload files" and "Upload a folder" inputs ([data-upload-input]): what was chosen goes
// up into the folder on screen (a folder keeps its structure).
import { closeMenus } from "./menus.js";
import { uploadAll } from "./uploads.js";

document.addEventListener("change", (e) => {
  const t = e.target;
  if (!t.matches || !t.matches("input[type=file][data-upload-input]")) { return; }
  closeMenus();
  const files = Array.from(t.files);
  t.value = "";
  uploadAll(files, null, t);
});
