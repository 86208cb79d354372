// Streams the session's events into the log and reloads once the session ends, so the diff and checks appear.
(function () {
  "use strict";
  var page = document.querySelector(".session-page");
  var log = document.getElementById("log");
  if (!page || !log || !window.EventSource) { return; }
  var wasRunning = !!page.querySelector('.badge.busy');
  var url = "/review/" + encodeURIComponent(page.dataset.session) + "/events?t=" + encodeURIComponent(page.dataset.token);
  var source = new EventSource(url);
  function line(text) {
    var li = document.createElement("li");
    li.textContent = text;
    log.appendChild(li);
    log.scrollTop = log.scrollHeight;
  }
  function describe(type, e) {
    switch (type) {
      case "session_started": return "started: " + (e.task && e.task.goal || "");
      case "turn_started": return "turn " + e.turn;
      case "assistant_turn": return "model: " + (e.text || (e.toolCalls || []).map(function (c) { return c.name; }).join(", "));
      case "tool_call": return "→ " + e.call.name;
      case "tool_result": return (e.isError ? "✗ " : "✓ ") + e.name;
      case "validation_progress": return e.validator + ": " + e.command + (e.lastOutputLine ? " · " + e.lastOutputLine : "");
      case "validation": return "checks: " + (e.reports || []).map(function (r) { return r.name + (r.passed ? " ✓" : " ✗"); }).join(", ");
      case "verdict": return "judge: " + (e.verdict && e.verdict.approved ? "approved" : "vetoed");
      case "feedback": return "feedback from " + e.source;
      case "delivery": return "delivered: " + (e.result && e.result.message || "");
      case "session_completed": return "done: " + (e.result && e.result.status);
      case "notice": return e.level + ": " + e.message;
      case "user_message": return "message from " + e.sender + ": " + e.text;
      case "plan_proposed": return "plan (waits for approval): " + e.plan;
      case "plan_decision": return "plan " + (e.approved ? "approved" : "sent back") + " by " + e.decidedBy;
      default: return type;
    }
  }
  ["session_started", "turn_started", "assistant_turn", "tool_call", "tool_result", "validation_started", "validation_progress", "validation", "verdict",
   "feedback", "delivery", "notice", "budget_exceeded", "loop_detected", "context_compacted", "model_retry", "user_message", "plan_proposed", "plan_decision", "session_completed"].forEach(function (type) {
    source.addEventListener(type, function (m) {
      var e = {};
      try { e = JSON.parse(m.data); } catch (x) { /* keep the line short on bad data */ }
      line(describe(type, e));
      if (type === "session_completed" && wasRunning) { setTimeout(function () { location.reload(); }, 300); }
    });
  });
  source.addEventListener("end", function () { source.close(); });
})();

// The pull request's checks, live: each pr_checks event replaces the list (no reload), until it is merged or closed.
(function () {
  "use strict";
  var page = document.querySelector(".session-page");
  var section = document.getElementById("pr-checks");
  if (!page || !section || !window.EventSource) { return; }
  var list = document.getElementById("pr-check-list");
  var state = document.getElementById("pr-state");
  var source = new EventSource("/review/" + encodeURIComponent(page.dataset.session) + "/pr-checks?t=" + encodeURIComponent(page.dataset.token));
  function safeUrl(u) { return typeof u === "string" && /^https?:\/\//.test(u) ? u : null; }
  source.addEventListener("pr_checks", function (m) {
    var p;
    try { p = JSON.parse(m.data); } catch (x) { return; }
    state.className = "pr-state " + p.state;
    state.textContent = p.stateText;
    section.dataset.version = p.version;
    list.textContent = "";
    (p.checks || []).forEach(function (c) {
      var li = document.createElement("li");
      li.className = "check " + c.outcome;
      var icon = document.createElement("span");
      icon.className = "icon";
      icon.setAttribute("aria-hidden", "true");
      icon.textContent = c.outcome === "passed" ? "✓" : c.outcome === "failed" ? "✗" : "…";
      var name = document.createElement("b");
      var url = safeUrl(c.url);
      if (url) { var a = document.createElement("a"); a.href = url; a.textContent = c.name; name.appendChild(a); } else { name.textContent = c.name; }
      var detail = document.createElement("span");
      detail.className = "detail";
      detail.textContent = c.state;
      li.appendChild(icon); li.appendChild(name); li.appendChild(document.createTextNode(" ")); li.appendChild(detail);
      list.appendChild(li);
    });
  });
  source.addEventListener("end", function () { source.close(); });
})();
