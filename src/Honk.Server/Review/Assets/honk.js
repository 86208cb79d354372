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
  ["session_started", "turn_started", "assistant_turn", "tool_call", "tool_result", "validation_started", "validation", "verdict",
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
