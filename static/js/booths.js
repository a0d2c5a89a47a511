// Assigning booths on the map: drag an exhibitor from the list onto a free booth, or tap the
// exhibitor and then the booth (touch screens). Either fills the plain form and sends it; the
// server decides, and says so if another organizer took the booth a moment before.
(() => {
  const form = document.getElementById("assign-form");
  if (!form) return;
  const exhibitorSelect = form.querySelector("[name=exhibitor_id]");
  const boothSelect = form.querySelector("[name=booth]");
  const map = document.querySelector("[data-hall]");
  let chosen = null;

  const assign = (exhibitorId, code) => {
    exhibitorSelect.value = exhibitorId;
    if (![...boothSelect.options].some((option) => option.value === code)) {
      boothSelect.add(new Option(code, code));
    }
    boothSelect.value = code;
    form.requestSubmit();
  };

  const heldBy = (id) => map.querySelector(`[data-holder="${id}"]`);

  document.querySelectorAll("[data-exhibitor]").forEach((chip) => {
    const id = chip.dataset.exhibitor;
    chip.addEventListener("dragstart", (event) => {
      event.dataTransfer.setData("text/plain", id);
      event.dataTransfer.effectAllowed = "move";
      chip.classList.add("dragging");
    });
    chip.addEventListener("dragend", () => chip.classList.remove("dragging"));
    chip.addEventListener("click", (event) => {
      if (event.target.closest("form")) return;
      document.querySelectorAll(".exhibitor-chip.selected").forEach((other) => other.classList.remove("selected"));
      chosen = chosen === id ? null : id;
      if (chosen) chip.classList.add("selected");
      map.classList.toggle("choosing", Boolean(chosen));
    });
    chip.addEventListener("mouseenter", () => heldBy(id)?.classList.add("highlight"));
    chip.addEventListener("mouseleave", () => heldBy(id)?.classList.remove("highlight"));
  });

  map.querySelectorAll(".booth.free").forEach((booth) => {
    const code = booth.dataset.booth;
    booth.addEventListener("dragover", (event) => {
      event.preventDefault();
      booth.classList.add("drop-target");
    });
    booth.addEventListener("dragleave", () => booth.classList.remove("drop-target"));
    booth.addEventListener("drop", (event) => {
      event.preventDefault();
      booth.classList.remove("drop-target");
      const id = event.dataTransfer.getData("text/plain");
      if (id) assign(id, code);
    });
    const pick = () => {
      if (chosen) assign(chosen, code);
    };
    booth.addEventListener("click", pick);
    booth.addEventListener("keydown", (event) => {
      if (event.key === "Enter") pick();
    });
  });
})();
