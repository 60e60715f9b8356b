// FITS headers in a file's details: typing in the search box shows only the cards holding the
// text (any case), opens the HDUs that have one, and says when none does.

document.addEventListener("input", (e) => {
  const box = e.target.closest ? e.target.closest("[data-fits-filter]") : null;
  if (!box) { return; }
  const root = box.closest("[data-fits-header]");
  const q = box.value.trim().toLowerCase();
  let any = false;
  root.querySelectorAll("details.fits-hdu").forEach((hdu) => {
    let here = false;
    hdu.querySelectorAll(".card").forEach((card) => {
      const hit = q === "" || card.textContent.toLowerCase().includes(q);
      card.hidden = !hit;
      // the line break after a hidden card goes with it
      if (card.nextSibling && card.nextSibling.nodeType === Node.TEXT_NODE) {
        card.nextSibling.textContent = hit ? "\n" : "";
      }
      here = here || hit;
    });
    if (q !== "") { hdu.open = here; }
    any = any || here;
  });
  root.querySelector("[data-fits-nomatch]").hidden = any;
});
