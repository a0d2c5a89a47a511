// The check-in desk: a USB or Bluetooth scanner types the code and Enter into the scan field;
// a phone can use its camera where the browser has BarcodeDetector. Without this script the
// same form posts normally and the page shows the result.
(function () {
  const desk = document.querySelector(".checkin-desk");
  if (!desk) { return; }
  const form = document.getElementById("scan-form");
  const input = document.getElementById("code");
  const result = document.getElementById("result");
  const recent = document.getElementById("recent");
  let busy = false;

  function show(data) {
    result.className = "scan-result " + (data.ok ? "scan-ok" : "scan-refused");
    result.replaceChildren();
    const line = (cls, text) => {
      const p = document.createElement("p");
      p.className = cls;
      p.textContent = text;
      result.append(p);
    };
    line("scan-verdict", data.ok ? desk.dataset.ok : desk.dataset.refused);
    if (data.delegate) {
      line("scan-name", data.delegate.name);
      line("scan-detail", data.delegate.category + " · " + data.delegate.organization);
      if (data.delegate.seat) { line("scan-detail", desk.dataset.seat + " " + data.delegate.seat); }
      // Refused at the wrong workshop: the reason below names theirs.
      if (data.delegate.workshop && data.reason !== "wrong_workshop") {
        line("scan-detail", desk.dataset.workshop + " " + data.delegate.workshop);
      }
    }
    if (data.message) { line("scan-reason", data.message); }
  }

  function remember(data) {
    if (!data.ok) { return; }
    document.getElementById("recent-empty")?.remove();
    const item = document.createElement("li");
    item.className = "list-group-item d-flex justify-content-between align-items-center px-0";
    const label = document.createElement("span");
    const time = document.createElement("span");
    time.className = "text-body-secondary";
    time.textContent = data.local_time;
    label.append(time, " " + data.delegate.name);
    const undo = document.createElement("form");
    undo.method = "post";
    undo.className = "d-inline";
    undo.action = desk.dataset.undoUrl.replace("/undo/0", "/undo/" + data.check_in_id);
    undo.dataset.confirm = desk.dataset.undoQuestion.replace("__NAME__", data.delegate.name);
    undo.innerHTML = '<input type="hidden" name="csrf_token"><button type="submit" class="btn btn-outline-danger btn-sm"></button>';
    undo.querySelector("input").value = desk.dataset.csrf;
    undo.querySelector("button").textContent = desk.dataset.undoLabel;
    item.append(label, undo);
    recent.prepend(item);
    while (recent.children.length > 8) { recent.lastElementChild.remove(); }
  }

  async function submit(code) {
    if (!code.trim() || busy) { return; }
    busy = true;
    try {
      const response = await fetch(desk.dataset.scanUrl, {
        method: "POST",
        headers: {"Content-Type": "application/json", "X-CSRFToken": desk.dataset.csrf},
        body: JSON.stringify({code: code, point: desk.dataset.point, desk: desk.dataset.desk}),
      });
      const data = await response.json();
      show(data);
      remember(data);
    } catch (error) {
      // The network dropped: fall back to an ordinary form post, which shows its own result.
      input.value = code;
      form.submit();
      return;
    } finally {
      busy = false;
    }
    input.value = "";
    input.focus();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit(input.value);
  });

  // Keep the scanner's keystrokes going into the scan field, unless someone is typing elsewhere.
  document.addEventListener("click", (event) => {
    if (!event.target.closest("input, button, a, select, textarea")) { input.focus(); }
  });

  if ("BarcodeDetector" in window) {
    const button = document.getElementById("camera-button");
    const video = document.getElementById("camera");
    button.classList.remove("d-none");
    button.addEventListener("click", async () => {
      const detector = new BarcodeDetector({formats: ["qr_code"]});
      video.srcObject = await navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}});
      video.classList.remove("d-none");
      await video.play();
      let last = "", lastAt = 0;
      const look = async () => {
        const codes = await detector.detect(video).catch(() => []);
        const now = Date.now();
        if (codes.length && (codes[0].rawValue !== last || now - lastAt > 4000)) {
          last = codes[0].rawValue;
          lastAt = now;
          await submit(last);
        }
        requestAnimationFrame(look);
      };
      look();
    });
  }
})();
