// transcript-analyzer report: tooltips, jumps, the player and transcript filters. No network use.
(function () {
  "use strict";
  var player = document.getElementById("player");
  var tooltip = document.getElementById("tooltip");
  var form = document.querySelector(".filters");
  var utts = Array.prototype.slice.call(document.querySelectorAll(".transcript .utt"));
  var rows = Array.prototype.slice.call(document.querySelectorAll(".transcript .turn-row"));

  function seek(start) {
    if (!player || isNaN(start)) return;
    player.currentTime = Math.max(0, start - 0.5);
    var playing = player.play();
    if (playing && playing.catch) playing.catch(function () {});
  }

  function filters() {
    var roles = {};
    form.querySelectorAll("input[name=role]").forEach(function (box) { roles[box.value] = box.checked; });
    return { roles: roles, marker: form.querySelector("select[name=marker]").value };
  }

  function applyFilters() {
    if (!form) return;
    var f = filters(), shown = 0;
    utts.forEach(function (u) {
      var markers = (u.getAttribute("data-markers") || "").split(" ");
      var visible = roleVisible(f, u.getAttribute("data-role")) && (!f.marker || markers.indexOf(f.marker) >= 0);
      u.hidden = !visible;
      if (visible) shown += 1;
    });
    rows.forEach(function (row) {
      row.hidden = !row.querySelector(".utt:not([hidden])") &&
        !(row.querySelectorAll(".utt").length === 0 && roleVisible(f, row.getAttribute("data-role")) && !f.marker);
    });
    document.getElementById("shown").textContent = "Showing " + shown + " of " + utts.length + " utterances";
  }

  function roleVisible(f, role) { return f.roles[role] !== false; }

  function reveal(id) {
    // make a jump target visible even when the filters hide it
    var target = document.getElementById(id);
    if (!target || !form) return target;
    var row = target.closest ? target.closest(".turn-row") : null;
    if (target.hidden || (row && row.hidden)) {
      form.reset();
      applyFilters();
    }
    return target;
  }

  function jumpTo(id) {
    var target = reveal(id);
    if (!target) return;
    document.querySelectorAll(".utt.current").forEach(function (el) { el.classList.remove("current"); });
    target.classList.add("current");
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var play = event.target.closest("button.play");
    if (play) { seek(parseFloat(play.getAttribute("data-start"))); return; }
    var link = event.target.closest("a[href^='#u-'], a[href^='#t-']");
    if (!link) return;
    event.preventDefault();
    var id = link.getAttribute("href").slice(1);
    history.replaceState(null, "", "#" + id);
    jumpTo(id);
    var start = link.getAttribute("data-start");
    if (start !== null) seek(parseFloat(start));
  });

  function showTip(mark, x, y) {
    var title = mark.querySelector("title");
    if (!title || !tooltip) return;
    tooltip.textContent = title.textContent;
    tooltip.hidden = false;
    var box = tooltip.getBoundingClientRect();
    tooltip.style.left = Math.min(x + 12, window.innerWidth - box.width - 8) + "px";
    tooltip.style.top = Math.max(y - box.height - 12, 8) + "px";
  }
  function hideTip() { if (tooltip) tooltip.hidden = true; }
  document.querySelectorAll("svg .mark").forEach(function (mark) {
    mark.addEventListener("mousemove", function (e) { showTip(mark, e.clientX, e.clientY); });
    mark.addEventListener("mouseleave", hideTip);
    mark.addEventListener("focus", function () {
      var r = mark.getBoundingClientRect();
      showTip(mark, r.left, r.top);
    });
    mark.addEventListener("blur", hideTip);
    mark.addEventListener("keydown", function (e) {
      if (e.key === " ") { e.preventDefault(); mark.dispatchEvent(new MouseEvent("click", { bubbles: true })); }
    });
  });

  if (form) {
    form.addEventListener("change", applyFilters);
    applyFilters();
  }
  if (location.hash.indexOf("#u-") === 0 || location.hash.indexOf("#t-") === 0) jumpTo(location.hash.slice(1));
  document.documentElement.setAttribute("data-ready", "true");
})();
