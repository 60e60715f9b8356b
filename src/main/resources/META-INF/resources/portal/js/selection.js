// Ticking rows: "select all" ticks every loaded row; a ticked row is highlighted.

document.addEventListener("change", (e) => {
  const t = e.target;
  if (t.id === "select-all") {
    document.querySelectorAll("#rows input[name=path]").forEach((c) => { c.checked = t.checked; });
  }
  if (t.name === "path") {
    const row = t.closest("tr");
    if (row) { row.classList.toggle("selected", t.checked); }
  }
});
