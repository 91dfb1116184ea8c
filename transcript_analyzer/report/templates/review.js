// transcript-analyzer report: the reviewer's verdicts and notes. Kept in this browser (localStorage,
// keyed by the session's content hash) and exported as a review file (review/file.py). No network use;
// every text is set with textContent.
(function () {
  "use strict";
  var panel = document.getElementById("review");
  var dataNode = document.getElementById("review-data");
  if (!panel || !dataNode) return;
  var data = JSON.parse(dataNode.textContent);
  var FORMAT = panel.getAttribute("data-format"), VERSION = parseInt(panel.getAttribute("data-version"), 10);
  var hash = panel.getAttribute("data-sha256"), sessionId = panel.getAttribute("data-session-id");
  var KEY = "transcript-analyzer-review:" + hash;
  var TOP = parseInt(panel.getAttribute("data-top"), 10) || 10;
  var stored = true;  // false when this browser refuses to keep data for the page
  var state = load();
  var widgets = [];  // review controls on the page, each with an rvSync() that shows the state
  var editor = null;  // the transcript's review editor, when open

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function button(text, cls) { var b = el("button", cls, text); b.type = "button"; return b; }

  // ---- state: {reviewer, speaker_names, items: {"u|marker": item}, dirty, exported_at, source}
  function blank() { return { reviewer: "", speaker_names: {}, items: {}, dirty: false, exported_at: null, source: null }; }
  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(KEY) || "null");
      if (saved && typeof saved.items === "object") return saved;
    } catch (e) { stored = false; }
    return blank();
  }
  function save(changed) {
    if (changed) state.dirty = true;
    try { window.localStorage.setItem(KEY, JSON.stringify(state)); stored = true; } catch (e) { stored = false; }
    refresh();
  }
  function key(u, marker) { return u + "|" + marker; }
  function item(u, marker) { return state.items[key(u, marker)] || null; }
  function scoreOf(u, marker) {
    var row = data.scores[String(u)] || [];
    for (var i = 0; i < row.length; i++) {
      if (data.markers[row[i][0]] === marker) return { p: row[i][1], d: row[i][2] === 1 };
    }
    return null;
  }
  function title(marker) { return marker === "none" ? "none (no code)" : (data.titles[marker] || marker); }
  function flaggedBy(u, marker) { var s = scoreOf(u, marker); return !!(s && s.d); }

  function update(u, marker, change) {
    var k = key(u, marker);
    var it = state.items[k] || { utterance: u, marker: marker, verdict: null, reviewer_code: null, note: "" };
    Object.keys(change).forEach(function (f) { it[f] = change[f]; });
    if (it.verdict !== "disagree") it.reviewer_code = null;
    it.reviewed_at = new Date().toISOString();
    if (!it.verdict && !(it.note || "").trim()) delete state.items[k]; else state.items[k] = it;
    save(true);
  }

  // ---- agree / disagree / code instead / note, for one utterance and marker
  function controls(u, marker, label, printed) {
    var box = el("div", "rv-controls");
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", label);
    var agree = button("Agree", "rv-agree"), disagree = button("Disagree", "rv-disagree");
    // a disagree's reviewer_code: another marker, or none (review/file.py)
    var codeLabel = el("label", "rv-code", flaggedBy(u, marker) ? "Code instead " : "Also code ");
    var code = el("select");
    var names = ["none"].concat((data.roles[roleOf(u)] || []).filter(function (n) { return n !== marker; }));
    names.forEach(function (n) { var o = el("option", "", title(n)); o.value = n; code.appendChild(o); });
    codeLabel.appendChild(code);
    var noteLabel = el("label", "rv-note", "Note ");
    var note = el("textarea");
    note.rows = 1;
    noteLabel.appendChild(note);
    agree.addEventListener("click", function () {
      var it = item(u, marker);
      update(u, marker, { verdict: it && it.verdict === "agree" ? null : "agree" });
    });
    disagree.addEventListener("click", function () {
      var it = item(u, marker), on = !!it && it.verdict === "disagree";
      update(u, marker, { verdict: on ? null : "disagree", reviewer_code: on ? null : (it && it.reviewer_code) || "none" });
    });
    code.addEventListener("change", function () { update(u, marker, { reviewer_code: code.value }); });
    note.addEventListener("input", function () { update(u, marker, { note: note.value }); fit(note); });
    box.appendChild(agree);
    box.appendChild(disagree);
    box.appendChild(codeLabel);
    box.appendChild(noteLabel);
    box.rvSync = function () {
      var it = item(u, marker);
      agree.setAttribute("aria-pressed", String(!!it && it.verdict === "agree"));
      disagree.setAttribute("aria-pressed", String(!!it && it.verdict === "disagree"));
      codeLabel.hidden = !(it && it.verdict === "disagree");
      if (it && it.reviewer_code) code.value = it.reviewer_code;
      var text = it ? it.note || "" : "";
      if (document.activeElement !== note && note.value !== text) { note.value = text; fit(note); }
      if (printed) printed.textContent = it ? verdictText(it) : "";
    };
    box.rvSync();
    box.rvFit = function () { if (note.value) fit(note); };  // once on the page
    widgets.push(box);
    return box;
  }
  function fit(textarea) {  // grow with the note
    textarea.style.height = "auto";
    if (textarea.scrollHeight) textarea.style.height = textarea.scrollHeight + 2 + "px";
  }
  function verdictText(it) {  // the printed line: "A. Supervisor: disagrees: not Empathy; would code ... Note: ..."
    var flagged = flaggedBy(it.utterance, it.marker), name = title(it.marker), other = it.reviewer_code || "none";
    var said = [];
    if (it.verdict === "agree") said.push("agrees: " + (flagged ? "" : "not ") + name + ".");
    if (it.verdict === "disagree") {
      said.push("disagrees: " + (flagged ? "not " : "this is ") + name +
        (other === "none" ? "." : flagged ? "; would code " + title(other) + " instead." : "; would also code " + title(other) + "."));
    }
    if ((it.note || "").trim()) said.push("Note: " + it.note.trim());
    return (state.reviewer.trim() || "Reviewer") + ": " + said.join(" ");
  }
  function roleOf(u) { var span = $("u-" + u); return span ? span.getAttribute("data-role") : ""; }

  // ---- the moments: one set of controls per flagged utterance
  document.querySelectorAll(".moment .rv").forEach(function (slot) {
    var u = parseInt(slot.getAttribute("data-u"), 10), code = slot.getAttribute("data-code");
    var printed = el("p", "rv-print");
    var box = controls(u, code, "Your review: " + title(code) + " at " + slot.getAttribute("data-when"), printed);
    slot.appendChild(box);
    slot.appendChild(printed);
    box.rvFit();
  });

  // ---- the transcript: a ✎ button on every utterance opens an editor below its turn
  document.querySelectorAll(".transcript .utt").forEach(function (span) {
    if (!(data.roles[span.getAttribute("data-role")] || []).length) return;  // no marker coded for this speaker
    var u = parseInt(span.id.slice(2), 10);
    var open = button("✎", "rv-open");
    open.setAttribute("aria-label", "Review utterance " + (u + 1));
    open.setAttribute("aria-expanded", "false");
    open.addEventListener("click", function () { if (editor && editor.rvOpener === open) closeEditor(true); else openEditor(span, u, open); });
    span.appendChild(document.createTextNode(" "));
    span.appendChild(open);
  });
  function openEditor(span, u, opener) {
    closeEditor(false);
    editor = el("div", "rv-editor");
    editor.rvOpener = opener;
    var heading = el("p", "rv-editor-title", "Review of utterance " + (u + 1) + ": pick a marker, then agree or disagree with the model.");
    var pickLabel = el("label", "", "Marker ");
    var pick = el("select");
    var scored = (data.scores[String(u)] || []).map(function (s) { return { name: data.markers[s[0]], p: s[1], d: s[2] === 1 }; });
    scored.sort(function (a, b) { return (b.d - a.d) || (b.p - a.p); });
    scored.forEach(function (s) {
      var o = el("option", "", title(s.name) + (s.d ? " (flagged" : " (not flagged") + ", p = " + s.p.toFixed(2) + ")");
      o.value = s.name;
      pick.appendChild(o);
    });
    (data.roles[roleOf(u)] || []).forEach(function (n) {
      if (!scoreOf(u, n)) { var o = el("option", "", title(n) + " (not scored)"); o.value = n; pick.appendChild(o); }
    });
    var mine = Object.keys(state.items).filter(function (k) { return state.items[k].utterance === u; });
    if (mine.length) pick.value = state.items[mine[0]].marker;
    pickLabel.appendChild(pick);
    var slot = el("div", "rv-slot");
    function show() {
      slot.textContent = "";
      var box = controls(u, pick.value, "Your review: " + title(pick.value) + ", utterance " + (u + 1));
      slot.appendChild(box);
      box.rvFit();
    }
    pick.addEventListener("change", show);
    var done = button("Done", "rv-done");
    done.addEventListener("click", function () { closeEditor(true); });
    editor.addEventListener("keydown", function (e) { if (e.key === "Escape") { e.preventDefault(); closeEditor(true); } });
    [heading, pickLabel, slot, done].forEach(function (n) { editor.appendChild(n); });
    span.closest(".turn-row").appendChild(editor);
    opener.setAttribute("aria-expanded", "true");
    show();
    pick.focus();
  }
  function closeEditor(refocus) {
    if (!editor) return;
    var opener = editor.rvOpener;
    editor.remove();
    editor = null;
    opener.setAttribute("aria-expanded", "false");
    if (refocus) opener.focus();
  }

  // ---- speaker names, for display only
  var tips = [];  // timeline titles: {node, text, label}
  function speakerOf(id) { var node = $(id); return node && node.closest(".turn-row"); }
  document.querySelectorAll("svg a.mark[data-u] > title, svg a.turn-link > rect > title").forEach(function (t) {
    var link = t.closest("a");
    var id = link.hasAttribute("data-u") ? "u-" + link.getAttribute("data-u") : link.getAttribute("href").slice(1);
    var row = speakerOf(id), spk = row && row.querySelector(".spk");
    if (spk) tips.push({ node: t, text: t.textContent, label: spk.getAttribute("data-speaker") });
  });
  function applyNames() {
    document.querySelectorAll(".spk[data-speaker]").forEach(function (e) {
      var label = e.getAttribute("data-speaker");
      e.textContent = state.speaker_names[label] || label;
    });
    tips.forEach(function (t) {
      var name = state.speaker_names[t.label];
      t.node.textContent = name ? t.text.replace(" " + t.label + ": ", function () { return " " + name + ": "; }) : t.text;
    });
  }
  document.querySelectorAll("input.rv-speaker").forEach(function (input) {
    var label = input.getAttribute("data-speaker");
    input.value = state.speaker_names[label] || "";
    input.addEventListener("input", function () {
      var name = input.value.trim();
      if (name) state.speaker_names[label] = name; else delete state.speaker_names[label];
      applyNames();
      save(true);
    });
  });
  var reviewer = $("rv-reviewer");
  reviewer.value = state.reviewer || "";
  reviewer.addEventListener("input", function () { state.reviewer = reviewer.value; save(true); });

  // ---- the review file (review/file.py): export and import
  function reviewFile() {
    var items = Object.keys(state.items).map(function (k) { return state.items[k]; });
    items.sort(function (a, b) { return a.utterance - b.utterance || (a.marker < b.marker ? -1 : a.marker > b.marker ? 1 : 0); });
    return {
      format: FORMAT, version: VERSION, session_id: sessionId, session_sha256: hash,
      reviewer: state.reviewer.trim() || null, exported_at: new Date().toISOString(),
      speaker_names: state.speaker_names,
      items: items.map(function (it) {
        var s = scoreOf(it.utterance, it.marker);
        return {
          utterance: it.utterance, marker: it.marker, model_decision: s ? s.d : null, probability: s ? s.p : null,
          verdict: it.verdict || null, reviewer_code: it.verdict === "disagree" ? it.reviewer_code || "none" : null,
          note: (it.note || "").trim() ? it.note : null, reviewed_at: it.reviewed_at || null
        };
      })
    };
  }
  function exportFile() {
    var file = reviewFile();
    var blob = new Blob([JSON.stringify(file, null, 2) + "\n"], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var a = el("a");
    a.href = url;
    a.download = "review-" + sessionId.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_") + "-" + hash.slice(0, 8) + ".json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    state.dirty = false;
    state.exported_at = file.exported_at;
    state.source = "export";
    save(false);
    tell("Exported " + a.download + " (" + file.items.length + " items) to your downloads.");
  }
  function importText(text, name) {
    var file;
    try { file = JSON.parse(text); } catch (e) { return tell(name + " is not a review file: it is not JSON. Nothing was loaded.", true); }
    if (!file || file.format !== FORMAT || file.version !== VERSION || !Array.isArray(file.items)) {
      return tell(name + " is not a transcript-analyzer review file (version " + VERSION + "). Nothing was loaded.", true);
    }
    if (file.session_sha256 !== hash) {
      return tell(name + " reviews another session, or another transcript of this one (its session hash starts " +
        String(file.session_sha256).slice(0, 8) + ", this report's " + hash.slice(0, 8) + "). Nothing was loaded.", true);
    }
    var next = blank();
    file.items.forEach(function (it) {
      if (!it || typeof it.utterance !== "number" || typeof it.marker !== "string") return;
      next.items[key(it.utterance, it.marker)] = {
        utterance: it.utterance, marker: it.marker, verdict: it.verdict === "agree" || it.verdict === "disagree" ? it.verdict : null,
        reviewer_code: typeof it.reviewer_code === "string" ? it.reviewer_code : null,
        note: typeof it.note === "string" ? it.note : "", reviewed_at: typeof it.reviewed_at === "string" ? it.reviewed_at : null
      };
    });
    Object.keys(file.speaker_names || {}).forEach(function (label) {
      if (typeof file.speaker_names[label] === "string") next.speaker_names[label] = file.speaker_names[label];
    });
    next.reviewer = typeof file.reviewer === "string" ? file.reviewer : "";
    next.exported_at = typeof file.exported_at === "string" ? file.exported_at : null;
    next.source = "import";
    state = next;
    reviewer.value = state.reviewer;
    document.querySelectorAll("input.rv-speaker").forEach(function (input) { input.value = state.speaker_names[input.getAttribute("data-speaker")] || ""; });
    closeEditor(false);
    applyNames();
    save(false);
    tell("Loaded " + Object.keys(state.items).length + " reviewed items from " + name + ".");
  }
  $("rv-export").addEventListener("click", exportFile);
  $("rv-import").addEventListener("change", function () {
    var input = this, f = input.files && input.files[0];
    if (!f) return;
    var reader = new FileReader();
    reader.onload = function () { importText(String(reader.result), f.name); input.value = ""; };
    reader.onerror = function () { tell(f.name + " could not be read. Nothing was loaded.", true); };
    reader.readAsText(f);
  });
  function tell(text, problem) {
    var m = $("rv-message");
    m.textContent = text;
    m.classList.toggle("problem", !!problem);
  }

  // ---- what the page shows of the state: status, counts, marks, the printed moments
  function refresh() {
    widgets = widgets.filter(function (w) { return w.isConnected; });
    widgets.forEach(function (w) { w.rvSync(); });
    var items = Object.keys(state.items).map(function (k) { return state.items[k]; });
    var count = function (v) { return items.filter(function (it) { return it.verdict === v; }).length; };
    var status = $("rv-state");
    status.textContent = !stored ? "This browser does not keep the review for this file: export it before you close the page." :
      state.dirty ? "Not saved to disk yet: export the review file to keep it." :
      state.source === "export" ? "Saved to disk: exported " + new Date(state.exported_at).toLocaleString() + "." :
      state.source === "import" ? "Loaded from a review file; no changes since." : "No review yet.";
    panel.classList.toggle("unsaved", state.dirty || !stored);
    $("rv-count").textContent = items.length ? items.length + " reviewed (" + count("agree") + " agree, " +
      count("disagree") + " disagree, " + count(null) + " with a note only)." : "";
    document.querySelectorAll(".transcript .utt").forEach(function (span) {
      var u = parseInt(span.id.slice(2), 10);
      var done = items.some(function (it) { return it.utterance === u; });
      var open = span.querySelector(".rv-open");
      span.classList.toggle("reviewed", done);
      if (open) open.setAttribute("aria-label", "Review utterance " + (u + 1) + (done ? " (reviewed)" : ""));
    });
    var by = document.querySelector(".reviewed-by");
    if (by) {
      by.hidden = !items.length;
      by.textContent = items.length ? "Reviewed by " + (state.reviewer.trim() || "an unnamed reviewer") + ": " + items.length + " items." : "";
    }
    choosePrinted();
  }
  function choosePrinted() {
    // the printed summary: the reviewed moments first, then the report's own ranking, TOP in all
    var moments = Array.prototype.slice.call(document.querySelectorAll("article.moment"));
    function reviewed(m) {
      return Array.prototype.some.call(m.querySelectorAll(".rv"), function (s) { return !!item(s.getAttribute("data-u"), s.getAttribute("data-code")); });
    }
    moments.sort(function (a, b) { return (reviewed(b) - reviewed(a)) || (a.getAttribute("data-rank") - b.getAttribute("data-rank")); });
    moments.forEach(function (m, i) { m.classList.toggle("top", i < TOP); });
    document.querySelectorAll(".moment-group").forEach(function (g) {
      var n = g.querySelectorAll("article.moment").length, k = g.querySelectorAll("article.moment.top").length;
      var note = g.querySelector(".print-note");
      if (note) note.textContent = k < n ? k + " shown here; all in report.html" : "";
    });
  }

  applyNames();
  panel.hidden = false;
  refresh();
  if (!stored) tell("This browser does not keep data for files opened from disk: export the review before you close the page.", true);
})();
