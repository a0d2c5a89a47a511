// Seat maps. On a seat plan, clicking seats fills the exchange form's two boxes in turn; in the
// room editor, clicking a seat marks it unused (or usable again) in the blocked-seats box.
// Without JavaScript both forms still work by typing seat numbers.
function seatFrom(event) {
  return event.target.closest ? event.target.closest(".seat") : null;
}

document.addEventListener("keydown", (event) => {
  const seat = seatFrom(event);
  if (seat && (event.key === "Enter" || event.key === " ")) {
    event.preventDefault();
    seat.dispatchEvent(new MouseEvent("click", { bubbles: true }));
  }
});

document.querySelectorAll("[data-fill-seats]").forEach((frame) => {
  const form = document.querySelector(frame.dataset.fillSeats);
  const { first, second } = form.elements;
  frame.addEventListener("click", (event) => {
    const seat = seatFrom(event);
    if (!seat || seat.classList.contains("seat-blocked")) return;
    const startOver = !first.value || second.value;
    if (startOver) {
      frame.querySelectorAll(".seat-picked").forEach((picked) => picked.classList.remove("seat-picked"));
      first.value = seat.dataset.seat;
      second.value = "";
    } else {
      second.value = seat.dataset.seat;
    }
    seat.classList.add("seat-picked");
  });
});

document.querySelectorAll("[data-toggle-blocked]").forEach((frame) => {
  const box = document.querySelector(frame.dataset.toggleBlocked);
  frame.addEventListener("click", (event) => {
    const seat = seatFrom(event);
    if (!seat) return;
    const label = seat.dataset.seat;
    const listed = box.value.split(/[\s,;]+/).filter(Boolean).map((item) => item.toUpperCase());
    const next = listed.includes(label) ? listed.filter((item) => item !== label) : [...listed, label];
    box.value = next.join(", ");
    seat.classList.toggle("seat-picked", next.includes(label));
  });
});
