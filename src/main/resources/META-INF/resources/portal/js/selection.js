// Ticking rows: "select all" ticks every loaded row (the rows' highlight, the header box and the
// action bar follow in action-bar.js).

document.addEventListener("change", (e) => {
  const t = e.target;
  if (t.id === "select-all") {
    document.querySelectorAll("#rows input[name=path]").forEach((c) => { c.checked = t.checked; });
  }
});
