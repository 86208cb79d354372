using System.Text;
using static Honk.Server.HtmlLayout;

namespace Honk.Server;

/// <summary>The planning page's HTML: the request form, then the conversation (questions, the draft, the start).</summary>
internal static class PlanPages
{
    public static string New(string token, IEnumerable<string> repositories, string? notice)
    {
        var options = string.Concat(repositories.Select(r => $"<option value=\"{E(r)}\"></option>"));
        return Page("Plan a task", $"""
            <h1>Plan a task</h1>
            {Notice(notice)}
            <p class="muted">Say in one line what should change. Honk reads the repository, asks what is unclear and writes a task file you can edit before it starts.</p>
            <form method="post" action="/review/plan" class="plan-form">{Hidden(token)}
            <label for="plan-repository">Repository</label><input id="plan-repository" name="repository" list="plan-repositories" required autocomplete="off"><datalist id="plan-repositories">{options}</datalist>
            <label for="plan-request">Request</label><input id="plan-request" name="request" required maxlength="2000" autocomplete="off">
            <button class="primary" id="plan-begin" type="submit">Plan it</button></form>
            """);
    }

    public static string Conversation(HostedPlan plan, string token, Uri? reviewUrl, string? notice, string? editedDraft = null, string? problems = null)
    {
        var id = Uri.EscapeDataString(plan.Id);
        var body = new StringBuilder();
        body.Append($"<div class=\"plan-page\" data-plan=\"{E(plan.Id)}\" data-stage=\"{E(PlanApiEndpoints.Stage(plan))}\">")
            .Append($"<h1>{E(plan.Request)}</h1>").Append(Notice(notice))
            .Append($"<dl class=\"facts\"><dt>Repository</dt><dd>{E(plan.Repository)}</dd><dt>Stage</dt><dd id=\"plan-stage\">{E(StageText(plan))}</dd></dl>");
        if (plan.Answered.Count > 0)
        {
            body.Append("<section><h2>Questions</h2><ol class=\"plan-questions\">");
            foreach (var (question, answer) in plan.Answered)
            {
                body.Append($"<li><p class=\"q\">{E(question)}</p><p class=\"a\">{E(answer)}</p></li>");
            }

            body.Append("</ol></section>");
        }

        switch (plan.Stage)
        {
            case PlanStage.Reading:
                body.Append("<p class=\"notice\" id=\"plan-working\">Reading the repository… this page refreshes by itself.</p>");
                break;
            case PlanStage.Question:
                body.Append($"""
                    <section><h2>A question</h2><p class="summary" id="plan-question">{E(plan.Question)}</p>
                    <form method="post" action="/review/plan/{id}/answer">{Hidden(token)}<label for="plan-answer">Your answer</label><textarea id="plan-answer" name="text" rows="3" required maxlength="8000"></textarea><button class="primary" id="plan-send-answer" type="submit">Answer</button></form></section>
                    """);
                break;
            case PlanStage.Draft:
                var problemList = problems is null ? "" : $"<div class=\"plan-problems\" id=\"plan-problems\"><p>The task file does not parse yet:</p><pre>{E(problems)}</pre></div>";
                body.Append($"""
                    <section><h2>The task file</h2>
                    <form method="post" action="/review/plan/{id}/start">{Hidden(token)}<label for="plan-draft">Edit it if you like; it is checked again when you start.</label>{problemList}<textarea id="plan-draft" name="content" rows="14" required spellcheck="false">{E(editedDraft ?? plan.Draft)}</textarea><button class="primary" id="plan-start" type="submit">Start</button></form>
                    <form method="post" action="/review/plan/{id}/changes">{Hidden(token)}<label for="plan-changes">Or tell the planner what should change</label><textarea id="plan-changes" name="text" rows="2" required maxlength="8000"></textarea><button id="plan-revise" type="submit">Send back</button></form>
                    <form method="post" action="/review/plan/{id}/decline">{Hidden(token)}<button id="plan-decline" type="submit">Give up</button></form></section>
                    """);
                break;
            case PlanStage.Started:
                body.Append($"<section><h2>Started</h2><p>The session runs in the background: <a id=\"plan-review-link\" href=\"{E(reviewUrl?.ToString())}\">follow it on its review page</a>.</p><pre class=\"summary\">{E(plan.Draft)}</pre></section>");
                break;
            case PlanStage.Failed:
                body.Append($"<p class=\"notice\" id=\"plan-error\">{E(plan.Error)}</p><p><a href=\"/review/plan\">Plan again</a></p>");
                break;
            default:
                body.Append("<p>You gave up on this plan. <a href=\"/review/plan\">Plan again</a></p>");
                break;
        }

        return Page("Plan: " + plan.Request, body.Append("</div>").ToString());
    }

    private static string StageText(HostedPlan plan) => plan.Stage switch
    {
        PlanStage.Reading => "reading",
        PlanStage.Question => "waits for your answer",
        PlanStage.Draft => "draft ready",
        PlanStage.Started => "started " + plan.SessionId,
        PlanStage.Failed => "failed",
        _ => "given up",
    };

    private static string Hidden(string token) => $"<input type=\"hidden\" name=\"t\" value=\"{E(token)}\">";

    private static string Notice(string? notice) => string.IsNullOrEmpty(notice) ? "" : $"<p class=\"notice\">{E(notice)}</p>";
}
