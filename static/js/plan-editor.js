// The floor-plan editor: booths and obstacles on a grid, moved and resized with the pointer,
// their details edited in the side panel. It keeps the form's JSON field up to date; the
// server checks the plan when it is saved. Without JavaScript the JSON is edited as text.
(() => {
  const svg = document.querySelector("[data-editor]");
  if (!svg) return;
  const form = document.getElementById("plan-form");
  const json = form.querySelector("[data-plan-json]");
  const panel = document.querySelector("[data-editor-panel]");
  const held = JSON.parse(svg.dataset.held);
  const obstacleNames = JSON.parse(svg.dataset.obstacleLabels);
  const widthInput = document.querySelector("[data-hall-width]");
  const heightInput = document.querySelector("[data-hall-height]");
  const NS = "http://www.w3.org/2000/svg";
  const CELL = 40;
  const SIZES = { stage: [4, 2], entrance: [2, 1], pillar: [1, 1] };

  let plan;
  try {
    plan = JSON.parse(json.value);
  } catch {
    return; // the server shows the text as it was; it is edited by hand
  }
  plan.obstacles = plan.obstacles || [];
  let selected = null; // the booth or obstacle object being edited
  let gesture = null; // {item, mode: "move"|"resize", start: {x, y}, origin: {...}}

  for (const element of document.querySelectorAll(
    "[data-editor-toolbar], [data-editor-help], [data-editor-panel]",
  )) {
    element.hidden = false;
  }

  const element = (name, attributes, parent) => {
    const node = document.createElementNS(NS, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    if (parent) parent.appendChild(node);
    return node;
  };

  const items = () => [...plan.booths, ...plan.obstacles];
  const isBooth = (item) => plan.booths.includes(item);

  // Cells taken by more than one item, or outside the hall: shown in red before saving.
  const conflicts = () => {
    const owners = new Map();
    const bad = new Set();
    for (const item of items()) {
      for (let x = item.x; x < item.x + item.w; x += 1) {
        for (let y = item.y; y < item.y + item.h; y += 1) {
          if (x < 0 || y < 0 || x >= plan.width || y >= plan.height) bad.add(item);
          const key = `${x},${y}`;
          if (owners.has(key)) {
            bad.add(item);
            bad.add(owners.get(key));
          }
          owners.set(key, item);
        }
      }
    }
    const codes = new Map();
    for (const booth of plan.booths) {
      if (!booth.code || codes.has(booth.code)) {
        bad.add(booth);
        if (codes.has(booth.code)) bad.add(codes.get(booth.code));
      }
      codes.set(booth.code, booth);
    }
    return bad;
  };

  const save = () => {
    json.value = JSON.stringify(plan, null, 1);
  };

  const render = () => {
    svg.replaceChildren();
    svg.setAttribute("viewBox", `-4 -4 ${plan.width * CELL + 8} ${plan.height * CELL + 8}`);
    const grid = element("g", { class: "grid" }, svg);
    for (let x = 0; x <= plan.width; x += 1) {
      element("line", { x1: x * CELL, y1: 0, x2: x * CELL, y2: plan.height * CELL }, grid);
    }
    for (let y = 0; y <= plan.height; y += 1) {
      element("line", { x1: 0, y1: y * CELL, x2: plan.width * CELL, y2: y * CELL }, grid);
    }
    element("rect", { class: "hall-outline", x: 0, y: 0, width: plan.width * CELL, height: plan.height * CELL }, svg);
    const bad = conflicts();
    for (const item of items()) {
      const booth = isBooth(item);
      const classes = [booth ? "booth" : "obstacle", "editable"];
      if (booth && held[item.code]) classes.push("held");
      if (item === selected) classes.push("selected");
      if (bad.has(item)) classes.push("conflict");
      const group = element("g", { class: classes.join(" "), "data-code": booth ? item.code : "" }, svg);
      const x = item.x * CELL;
      const y = item.y * CELL;
      element("rect", { x: x + 2, y: y + 2, width: item.w * CELL - 4, height: item.h * CELL - 4, rx: 3 }, group);
      const text = element("text", { x: x + (booth ? 5 : (item.w * CELL) / 2), y: y + (booth ? 15 : (item.h * CELL) / 2 + 4) }, group);
      text.textContent = booth ? item.code : (obstacleNames[item.label] || item.label).toUpperCase();
      if (booth && item.electricity) element("circle", { class: "power", cx: x + item.w * CELL - 9, cy: y + 10, r: 3.5 }, group);
      if (booth && item.corner) element("path", { class: "corner", d: `M ${x + 2} ${y + item.h * CELL - 2} l 9 0 l -9 -9 z` }, group);
      group.addEventListener("pointerdown", (event) => begin(event, item, "move"));
      if (item === selected) {
        const handle = element("rect", {
          class: "handle", x: x + item.w * CELL - 9, y: y + item.h * CELL - 9, width: 9, height: 9,
        }, svg);
        handle.addEventListener("pointerdown", (event) => begin(event, item, "resize"));
      }
    }
    widthInput.value = plan.width;
    heightInput.value = plan.height;
    showPanel();
    save();
  };

  const cellAt = (event) => {
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(svg.getScreenCTM().inverse());
    return { x: point.x / CELL, y: point.y / CELL };
  };

  const begin = (event, item, mode) => {
    event.preventDefault();
    event.stopPropagation();
    selected = item;
    gesture = { item, mode, start: cellAt(event), origin: { ...item } };
    svg.setPointerCapture(event.pointerId);
    render();
  };

  svg.addEventListener("pointermove", (event) => {
    if (!gesture) return;
    const here = cellAt(event);
    const dx = Math.round(here.x - gesture.start.x);
    const dy = Math.round(here.y - gesture.start.y);
    const { item, origin } = gesture;
    if (gesture.mode === "move") {
      item.x = Math.min(Math.max(origin.x + dx, 0), plan.width - item.w);
      item.y = Math.min(Math.max(origin.y + dy, 0), plan.height - item.h);
    } else {
      item.w = Math.min(Math.max(origin.w + dx, 1), plan.width - item.x);
      item.h = Math.min(Math.max(origin.h + dy, 1), plan.height - item.y);
    }
    if (item.x !== gesture.shownX || item.y !== gesture.shownY || item.w !== gesture.shownW || item.h !== gesture.shownH) {
      Object.assign(gesture, { shownX: item.x, shownY: item.y, shownW: item.w, shownH: item.h });
      render();
    }
  });
  const end = () => {
    gesture = null;
  };
  svg.addEventListener("pointerup", end);
  svg.addEventListener("pointercancel", end);
  svg.addEventListener("pointerdown", () => {
    selected = null;
    render();
  });

  // The side panel shows the selected item's fields.
  const field = (name) => panel.querySelector(`[data-field="${name}"]`);
  const showPanel = () => {
    const booth = selected && isBooth(selected);
    panel.querySelector("[data-nothing-selected]").hidden = Boolean(selected);
    panel.querySelector("[data-booth-fields]").hidden = !booth;
    panel.querySelector("[data-obstacle-fields]").hidden = !selected || booth;
    panel.querySelector("[data-geometry]").hidden = !selected;
    const remove = panel.querySelector("[data-delete]");
    remove.hidden = !selected;
    if (!selected) return;
    for (const name of ["x", "y", "w", "h"]) field(name).value = selected[name];
    if (booth) {
      if (document.activeElement !== field("code")) field("code").value = selected.code;
      field("corner").checked = Boolean(selected.corner);
      field("electricity").checked = Boolean(selected.electricity);
      const holder = held[selected.code];
      panel.querySelector("[data-holder]").textContent = holder ? `${holder} — ${panel.dataset.heldNote || ""}` : "";
      remove.disabled = Boolean(holder);
    } else {
      if (document.activeElement !== field("label")) field("label").value = selected.label;
      remove.disabled = false;
    }
  };

  panel.addEventListener("input", (event) => {
    const name = event.target.dataset.field;
    if (!selected || !name) return;
    if (name === "corner" || name === "electricity") selected[name] = event.target.checked;
    else if (name === "code") selected.code = event.target.value.trim().toUpperCase();
    else if (name === "label") selected.label = event.target.value;
    else {
      const value = parseInt(event.target.value, 10);
      if (Number.isNaN(value)) return;
      selected[name] = Math.max(name === "w" || name === "h" ? 1 : 0, value);
    }
    render();
  });

  const removeSelected = () => {
    if (!selected || (isBooth(selected) && held[selected.code])) return;
    const list = isBooth(selected) ? plan.booths : plan.obstacles;
    list.splice(list.indexOf(selected), 1);
    selected = null;
    render();
  };
  panel.querySelector("[data-delete]").addEventListener("click", removeSelected);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Delete" && selected && !event.target.closest("input, textarea")) removeSelected();
  });

  // New items go on the first free spot, scanning row by row.
  const freeSpot = (w, h) => {
    const taken = new Set();
    for (const item of items()) {
      for (let x = item.x; x < item.x + item.w; x += 1) {
        for (let y = item.y; y < item.y + item.h; y += 1) taken.add(`${x},${y}`);
      }
    }
    for (let y = 0; y + h <= plan.height; y += 1) {
      for (let x = 0; x + w <= plan.width; x += 1) {
        let fits = true;
        for (let i = 0; i < w && fits; i += 1) for (let j = 0; j < h && fits; j += 1) fits = !taken.has(`${x + i},${y + j}`);
        if (fits) return { x, y };
      }
    }
    return { x: 0, y: 0 };
  };

  const nextCode = () => {
    const last = plan.booths.length ? plan.booths[plan.booths.length - 1].code : "A00";
    const letters = (last.match(/^[A-Z]*/) || ["A"])[0] || "A";
    const used = new Set(plan.booths.map((booth) => booth.code));
    for (let number = 1; ; number += 1) {
      const code = `${letters}${String(number).padStart(2, "0")}`;
      if (!used.has(code)) return code;
    }
  };

  document.querySelectorAll("[data-add]").forEach((button) => {
    button.addEventListener("click", () => {
      const what = button.dataset.add;
      const [w, h] = SIZES[what] || [1, 1];
      const spot = freeSpot(w, h);
      if (what === "booth") {
        selected = { code: nextCode(), x: spot.x, y: spot.y, w: 1, h: 1, corner: false, electricity: false };
        plan.booths.push(selected);
      } else {
        selected = { label: what, x: spot.x, y: spot.y, w, h };
        plan.obstacles.push(selected);
      }
      render();
    });
  });

  const resizeHall = () => {
    plan.width = Math.max(1, parseInt(widthInput.value, 10) || plan.width);
    plan.height = Math.max(1, parseInt(heightInput.value, 10) || plan.height);
    render();
  };
  widthInput.addEventListener("change", resizeHall);
  heightInput.addEventListener("change", resizeHall);

  // Text edited by hand in the JSON box replaces the drawing when it reads as a plan.
  json.addEventListener("change", () => {
    try {
      const edited = JSON.parse(json.value);
      if (edited && Array.isArray(edited.booths)) {
        plan = edited;
        plan.obstacles = plan.obstacles || [];
        selected = null;
        render();
      }
    } catch {
      // left as typed: the server explains what is wrong when it is saved
    }
  });

  render();
})();
