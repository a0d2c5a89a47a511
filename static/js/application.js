// The exhibitor application's product rows: add and remove rows in the browser, and show the
// shape of the title number for the chosen kind. Without JavaScript the "add" button asks the
// server for one more row, and an empty row is simply ignored.
(() => {
  const fieldset = document.querySelector("[data-product-rows]");
  if (!fieldset) return;
  const rows = fieldset.querySelector("[data-rows]");
  const rowPrefix = /^products-\d+-/;

  const renumber = () => {
    const all = rows.querySelectorAll("[data-row]");
    all.forEach((row, index) => {
      row.querySelector("[data-row-number]").textContent = index + 1;
      row.querySelectorAll("[name], [id], label[for]").forEach((element) => {
        for (const attribute of ["name", "id", "for"]) {
          const value = element.getAttribute(attribute);
          if (value && rowPrefix.test(value)) {
            element.setAttribute(attribute, value.replace(rowPrefix, `products-${index}-`));
          }
        }
      });
      row.querySelector("[data-remove-row]").hidden = all.length < 2;
    });
  };

  const showExample = (select) => {
    const option = select.options[select.selectedIndex];
    const number = select.closest("[data-row]").querySelector("[data-title-number]");
    if (option && option.dataset.example) number.placeholder = option.dataset.example;
  };

  const addRow = () => {
    const last = rows.querySelector("[data-row]:last-of-type");
    const row = last.cloneNode(true);
    row.querySelectorAll("[data-photo-kept], .invalid-feedback").forEach((element) => element.remove());
    row.querySelectorAll(".is-invalid").forEach((element) => element.classList.remove("is-invalid"));
    row.querySelectorAll("input, select, textarea").forEach((input) => {
      if (input.type === "checkbox") input.checked = false;
      else if (input.tagName === "SELECT") input.selectedIndex = 0;
      else input.value = "";
    });
    rows.appendChild(row);
    renumber();
    row.querySelector("input:not([type=hidden])").focus();
  };

  fieldset.querySelector("[data-add-row]").addEventListener("click", (event) => {
    event.preventDefault();
    addRow();
  });
  rows.addEventListener("click", (event) => {
    const button = event.target.closest("[data-remove-row]");
    if (!button || rows.querySelectorAll("[data-row]").length < 2) return;
    button.closest("[data-row]").remove();
    renumber();
  });
  rows.addEventListener("change", (event) => {
    if (event.target.matches("[data-title-kind]")) showExample(event.target);
  });
  rows.querySelectorAll("[data-title-kind]").forEach(showExample);
  renumber();
})();
