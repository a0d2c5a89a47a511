// The nomination form: show only the fields of the chosen kind (tập thể or cá nhân).
// Without JavaScript both sets of fields stay visible, and the server keeps the right ones.
(() => {
  const show = () => {
    const kind = document.querySelector("input[name=kind]:checked")?.value;
    document.querySelectorAll("fieldset[data-kind]").forEach((set) => {
      set.hidden = Boolean(kind) && set.dataset.kind !== kind;
    });
  };
  document.querySelectorAll("input[name=kind]").forEach((radio) => radio.addEventListener("change", show));
  show();
})();
